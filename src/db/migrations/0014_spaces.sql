-- Module spaces: the hub's rooms (서로배움터 1-3, 스페이스류 …) and their bookings.

CREATE TABLE space_rooms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  name_en text,
  description text NOT NULL DEFAULT '',
  capacity integer NOT NULL CHECK (capacity > 0),
  equipment text[] NOT NULL DEFAULT '{}',
  floor text,
  -- Opening hours per ISO weekday ("1" = Monday … "7" = Sunday): {"1": ["09:00", "22:00"], …};
  -- a weekday without a key is closed.
  opening_hours jsonb NOT NULL DEFAULT '{}',
  rules text NOT NULL DEFAULT '',
  bookable_by text NOT NULL DEFAULT 'public' CHECK (bookable_by IN ('members', 'public')),
  photo_alt text,
  active boolean NOT NULL DEFAULT true,
  sort integer NOT NULL DEFAULT 0,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX space_rooms_name_key ON space_rooms (name);

CREATE TABLE space_bookings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  room_id uuid NOT NULL REFERENCES space_rooms (id) ON DELETE CASCADE,
  during tstzrange NOT NULL CHECK (NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during)),
  status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'approved', 'rejected', 'cancelled', 'completed')),
  -- The signed-in requester, or none for a visitor (then the contact fields say who asked).
  requester_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  organization_id uuid REFERENCES organizations (id) ON DELETE SET NULL,
  contact_name text NOT NULL,
  contact_email text NOT NULL,
  contact_phone text,
  purpose text NOT NULL CHECK (length(btrim(purpose)) > 0),
  -- Shown on the public calendar; otherwise the calendar says only "예약됨".
  purpose_public boolean NOT NULL DEFAULT false,
  expected_attendees integer NOT NULL CHECK (expected_attendees > 0),
  actual_attendees integer CHECK (actual_attendees >= 0),
  -- Occurrences of one weekly request share a series id.
  series_id uuid,
  decision_reason text,
  decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
  decided_at timestamptz,
  cancelled_at timestamptz,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Never a double booking: a request waiting for a decision holds its slot as an approved one does.
  CONSTRAINT space_bookings_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&) WHERE (status IN ('requested', 'approved'))
);
CREATE INDEX space_bookings_room_during ON space_bookings USING gist (room_id, during);
CREATE INDEX space_bookings_requester ON space_bookings (requester_user_id);
CREATE INDEX space_bookings_status ON space_bookings (status, created_at);
CREATE INDEX space_bookings_series ON space_bookings (series_id) WHERE series_id IS NOT NULL;
