-- Module sharing: the resource-sharing network (자원공유망, 2013 report seed:1020-1160).
-- Organisations of the directory offer resources (spaces, equipment, goods, …); members of other
-- organisations request them; each completed request is a linkage (자원연계) counted per year,
-- district and category.

-- Categories are data. `returns`: the resource comes back after use (a space, equipment), so a
-- request completes on its return; otherwise it completes at hand-over.
CREATE TABLE sharing_categories (
  key text PRIMARY KEY,
  label_ko text NOT NULL,
  label_en text NOT NULL,
  returns boolean NOT NULL,
  sort int NOT NULL
);
INSERT INTO sharing_categories (key, label_ko, label_en, returns, sort) VALUES
  ('space', '공간', 'Space', true, 1),
  ('equipment', '집기', 'Equipment and furniture', true, 2),
  ('goods', '물품', 'Goods', false, 3),
  ('used_goods', '중고물품', 'Used goods', false, 4),
  ('talent_people', '재능기부·사람', 'Talent and people', false, 5),
  ('problem_solving', '문제해결형', 'Problem-solving help', false, 6);

CREATE TABLE sharing_resources (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(btrim(title)) > 0),
  description text,
  category_key text NOT NULL REFERENCES sharing_categories (key),
  district_code text REFERENCES districts (code),
  -- [{ "url": "https://…", "alt": "…" }]
  photos jsonb NOT NULL DEFAULT '[]',
  terms text NOT NULL CHECK (terms IN ('free', 'cost_recovery', 'fee')),
  -- Integer won; required unless the resource is free.
  fee_won bigint CHECK (fee_won >= 0),
  availability text,
  -- [{ "from": "YYYY-MM-DD", "to": "YYYY-MM-DD" }]
  available_ranges jsonb NOT NULL DEFAULT '[]',
  quantity int CHECK (quantity > 0),
  status text NOT NULL DEFAULT 'available' CHECK (status IN ('available', 'paused', 'gone')),
  is_demo boolean NOT NULL DEFAULT false,
  search_text text NOT NULL DEFAULT '',
  search_initials text NOT NULL DEFAULT '',
  search_grams int4[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((terms = 'free') = (fee_won IS NULL))
);
CREATE INDEX sharing_resources_search_grams_idx ON sharing_resources USING gin (search_grams);
CREATE INDEX sharing_resources_filters_idx ON sharing_resources (category_key, district_code);
CREATE INDEX sharing_resources_organization_idx ON sharing_resources (organization_id);

CREATE TABLE sharing_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  resource_id uuid NOT NULL REFERENCES sharing_resources (id) ON DELETE CASCADE,
  requester_organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
  from_date date,
  to_date date,
  quantity int CHECK (quantity > 0),
  message text,
  status text NOT NULL DEFAULT 'requested'
    CHECK (status IN ('requested', 'proposed', 'accepted', 'declined', 'cancelled', 'handed_over', 'completed')),
  proposed_from date,
  proposed_to date,
  proposal_note text,
  decline_reason text,
  cancel_reason text,
  cancelled_by text CHECK (cancelled_by IN ('owner', 'requester')),
  handed_over_on date,
  returned_on date,
  return_condition text,
  completed_on date,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (from_date IS NULL OR to_date IS NULL OR from_date <= to_date),
  CHECK (proposed_from IS NULL OR proposed_to IS NULL OR proposed_from <= proposed_to),
  CHECK ((status = 'completed') = (completed_on IS NOT NULL))
);
CREATE INDEX sharing_requests_resource_idx ON sharing_requests (resource_id);
CREATE INDEX sharing_requests_requester_idx ON sharing_requests (requester_organization_id);
CREATE INDEX sharing_requests_completed_idx ON sharing_requests (completed_on) WHERE status = 'completed';

-- One short review per side of a completed request.
CREATE TABLE sharing_reviews (
  request_id uuid NOT NULL REFERENCES sharing_requests (id) ON DELETE CASCADE,
  side text NOT NULL CHECK (side IN ('owner', 'requester')),
  rating int NOT NULL CHECK (rating BETWEEN 1 AND 5),
  body text,
  author_id uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (request_id, side)
);

-- Published by sharing for insights: each completed request is one linkage (자원연계).
CREATE VIEW sharing_linkages_v AS
SELECT
  q.id AS request_id,
  extract(year FROM q.completed_on)::int AS year,
  q.completed_on,
  r.category_key,
  r.district_code,
  r.organization_id AS owner_organization_id,
  q.requester_organization_id,
  q.is_demo
FROM sharing_requests q
JOIN sharing_resources r ON r.id = q.resource_id
WHERE q.status = 'completed';
