-- Photos of catalogue offerings and 맺음 bundles, uploaded to sehub and served from it. Photos used to
-- be links to other sites, which the platform's Content-Security-Policy (img-src 'self' data:) does
-- not let a page show, and which would tell another site who looks at the catalogue. An upload
-- belongs to the organisation it was made for (NULL: the centre's own, uploaded by staff); an
-- offering or a bundle may use only its organisation's photos.
CREATE TABLE procurement_photos (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid REFERENCES organizations (id) ON DELETE CASCADE,
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp', 'image/gif')),
  bytes bytea NOT NULL,
  size integer NOT NULL CHECK (size BETWEEN 1 AND 5242880),
  width integer NOT NULL CHECK (width BETWEEN 1 AND 8000),
  height integer NOT NULL CHECK (height BETWEEN 1 AND 8000),
  sha256 text NOT NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX procurement_photos_organization_idx ON procurement_photos (organization_id);
