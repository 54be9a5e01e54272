-- What an import brought from social economy organisations is kept with the import, as its rows and
-- amount are: the list of imports showed 0 for it (only one import's page counted its records), and an
-- undone import's records are gone. Existing imports are filled in from their records.
ALTER TABLE procurement_imports
  ADD COLUMN seo_rows integer NOT NULL DEFAULT 0 CHECK (seo_rows >= 0),
  ADD COLUMN seo_amount bigint NOT NULL DEFAULT 0 CHECK (seo_amount >= 0);

UPDATE procurement_imports i SET seo_rows = s.seo_rows, seo_amount = s.seo_amount
FROM (
  SELECT i2.id, count(*)::int AS seo_rows, sum(r.amount)::bigint AS seo_amount
  FROM procurement_imports i2
  JOIN procurement_records r ON r.id BETWEEN i2.first_id AND i2.last_id AND r.seo
  WHERE i2.status = 'committed'
  GROUP BY i2.id
) s
WHERE s.id = i.id;
