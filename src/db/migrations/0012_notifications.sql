-- Module notifications: in-app notices for a user (a request answered, a resource handed over, …).
-- Other modules write them through notifications/index.ts `notify`, in the transaction of the change
-- they announce, so a notice never tells of something that did not happen.
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.-]*$'),
  title_ko text NOT NULL,
  title_en text NOT NULL,
  link text,
  read_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
