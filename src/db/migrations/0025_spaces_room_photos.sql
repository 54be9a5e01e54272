-- A room shows photos uploaded to sehub (POST /api/v1/procurement/photos, the centre's own), each with
-- its description, as catalogue offerings, 맺음 bundles and shared resources do. A room had only a
-- description of a photo (photo_alt) and no photo to describe: nothing showed it. A description
-- without a photo is dropped; staff upload the photo and describe it again.
ALTER TABLE space_rooms ADD COLUMN photos jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(photos) = 'array');
ALTER TABLE space_rooms DROP COLUMN photo_alt;
