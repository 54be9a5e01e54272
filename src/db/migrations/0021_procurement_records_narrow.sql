-- The records' secondary indexes are narrowed to what still reads them: the figures they carried as
-- INCLUDE columns (an institution's items, an item's count and sum) now come from the aggregates
-- (procurement_agg_item), and every included byte was written again for each imported row. The
-- institution index finds one institution's records of a year; the item index lists an item's records
-- in date order (the drill-down's first page, an index walk).
DROP INDEX procurement_records_institution_idx;
CREATE INDEX procurement_records_institution_idx ON procurement_records (institution_id, year);
DROP INDEX procurement_records_item_idx;
CREATE INDEX procurement_records_item_idx ON procurement_records (year, item_code, purchased_on, id) WHERE item_code IS NOT NULL;

-- A record's import is known from its id: an import takes a consecutive range of ids under the import
-- lock (procurement_imports.first_id … last_id). The import_id column repeated that in 37 bytes of every
-- COPY line and 16 bytes of every row.
ALTER TABLE procurement_records DROP COLUMN import_id;
