-- Module identity: requests to manage an organisation ("claims"), confirmed or refused by staff.
CREATE TABLE membership_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  message text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  granted_role text CHECK (granted_role IN ('owner', 'editor')),
  reason text,
  decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'rejected' OR reason IS NOT NULL)
);
-- One open request per person and organisation.
CREATE UNIQUE INDEX membership_requests_open_key ON membership_requests (organization_id, user_id) WHERE status = 'pending';
CREATE INDEX membership_requests_queue_idx ON membership_requests (status, created_at);
CREATE INDEX membership_requests_user_idx ON membership_requests (user_id, created_at DESC);
