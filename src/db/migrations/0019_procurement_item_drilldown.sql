-- The records behind one item's figure are listed by date: an index in that order (with what the
-- count and sum read) lets the first page be an index walk and the totals an index-only scan,
-- instead of fetching and sorting every record of the item (1.4 s at 3.2 million records,
-- bench/procurement).
DROP INDEX procurement_records_item_idx;
CREATE INDEX procurement_records_item_idx ON procurement_records (year, item_code, purchased_on, id)
  INCLUDE (amount, seo, institution_id) WHERE item_code IS NOT NULL;
