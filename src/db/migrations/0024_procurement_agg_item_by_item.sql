-- An item's figures of a year across institutions (the total of a priority item's drill-down, the city's
-- targets per item) filtered procurement_agg_item on a column after institution_id in its primary key:
-- every row of the year was read to find one item's (~23,500 rows of a year for ~930 of one item at
-- 320,000 records: 10-13 ms, most of the drill-down's p95 at 3.2 million records; bench/procurement).
-- With the sums included the index answers alone once the table is vacuumed (0.8-1.2 ms in psql).
CREATE INDEX procurement_agg_item_item_idx ON procurement_agg_item (year, item_code) INCLUDE (institution_id, supplier_type, amount, records);
