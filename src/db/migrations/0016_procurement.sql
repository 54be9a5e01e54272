-- Public procurement (seed lines 1560-2040, 2912-3070): the taxonomy of what public bodies buy,
-- the buying institutions and their officers, purchase records imported in bulk with their
-- suppliers matched to the directory, the aggregates the dashboards read (kept current by every
-- import), and purchasing targets.

-- What the directory publishes for supplier matching (owned by directory; read-only here).
CREATE VIEW directory_suppliers_v AS
SELECT o.id, o.name, o.business_reg_no, o.type_key, o.subtype_key, o.district_code, o.status
FROM organizations o;

-- The seed's product and service categories (seed:1802-1847), as data.
CREATE TABLE procurement_categories (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  kind text NOT NULL CHECK (kind IN ('product', 'service')),
  label_ko text NOT NULL,
  label_en text NOT NULL,
  sort integer NOT NULL
);

INSERT INTO procurement_categories (code, kind, label_ko, label_en, sort) VALUES
  ('furniture', 'product', '가구', 'furniture', 1),
  ('office_supplies', 'product', '사무용품', 'office supplies', 2),
  ('household', 'product', '생활용품', 'household goods', 3),
  ('food', 'product', '식품/식자재', 'food and ingredients', 4),
  ('printing', 'product', '인쇄/출판', 'printing and publishing', 5),
  ('computer_consumables', 'product', '전산소모품', 'computer consumables', 6),
  ('electronics', 'product', '전자제품', 'electronics', 7),
  ('clothing', 'product', '피복', 'clothing', 8),
  ('agri_products', 'product', '농/수/축산물', 'agricultural, fishery and livestock products', 9),
  ('other_goods', 'product', '기타 물품', 'other goods', 10),
  ('care', 'service', '가사/간병', 'housekeeping and care-giving', 11),
  ('facility_management', 'service', '주택/시설관리', 'housing and facility management', 12),
  ('advertising', 'service', '광고/홍보', 'advertising and PR', 13),
  ('education', 'service', '교육/상담', 'education and counselling', 14),
  ('media', 'service', '미디어', 'media', 15),
  ('car_care', 'service', '세차/차량관리', 'car wash and vehicle care', 16),
  ('food_beverage', 'service', '식음료', 'food and beverage', 17),
  ('energy', 'service', '에너지', 'energy', 18),
  ('research', 'service', '연구', 'research', 19),
  ('laundry', 'service', '세탁', 'laundry', 20),
  ('logistics', 'service', '유통/운송', 'distribution and transport', 21),
  ('staffing', 'service', '인력/용역', 'staffing and contract services', 22),
  ('recycling', 'service', '재활용/환경', 'recycling and environment', 23),
  ('events', 'service', '전시/공연/행사', 'exhibitions, performances and events', 24),
  ('it', 'service', '정보화(IT)', 'information technology', 25),
  ('cleaning', 'service', '청소/소독', 'cleaning and disinfection', 26),
  ('other_services', 'service', '기타 용역', 'other services', 27);

-- 품목: what a purchase record names. priority_order marks Seoul's 10 priority items
-- (서울시 재무국 10대 중점관리 품목, seed:1720-1731). aliases: other spellings found in purchase files,
-- compared after normalisation (spaces and punctuation dropped, lower case).
CREATE TABLE procurement_items (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  label_ko text NOT NULL,
  label_en text NOT NULL,
  category_code text NOT NULL REFERENCES procurement_categories (code),
  priority_order integer UNIQUE CHECK (priority_order BETWEEN 1 AND 99),
  aliases text[] NOT NULL DEFAULT '{}'
);

INSERT INTO procurement_items (code, label_ko, label_en, category_code, priority_order, aliases) VALUES
  ('copy_paper', '복사용지', 'copy paper', 'office_supplies', 1, '{A4용지,복사지,A4복사용지}'),
  ('office_supplies', '사무용품', 'office supplies', 'office_supplies', 2, '{문구,문구류,사무용품류}'),
  ('toilet_tissue', '화장지', 'toilet tissue', 'household', 3, '{두루마리화장지,휴지}'),
  ('detergent', '세제', 'detergent', 'household', 4, '{세정제,주방세제}'),
  ('food', '식품', 'food', 'food', 5, '{식자재,식료품}'),
  ('printing', '인쇄', 'printing', 'printing', 6, '{인쇄물,인쇄출판}'),
  ('care', '간병', 'care-giving', 'care', 7, '{간병서비스,돌봄}'),
  ('interior', '실내건축', 'interior construction', 'facility_management', 8, '{실내인테리어,인테리어}'),
  ('events', '행사·공연', 'events and performances', 'events', 9, '{행사,공연,행사공연}'),
  ('cleaning', '청소', 'cleaning', 'cleaning', 10, '{청소용역,미화}'),
  ('furniture', '가구', 'furniture', 'furniture', NULL, '{사무가구}'),
  ('toner', '토너·잉크', 'toner and ink', 'computer_consumables', NULL, '{토너,잉크,카트리지}'),
  ('electronics', '전자제품', 'electronics', 'electronics', NULL, '{가전}'),
  ('uniforms', '피복·근무복', 'uniforms', 'clothing', NULL, '{피복,근무복,작업복}'),
  ('produce', '농산물', 'produce', 'agri_products', NULL, '{친환경농산물,수산물,축산물}'),
  ('publishing', '출판', 'publishing', 'printing', NULL, '{도서,간행물}'),
  ('advertising', '광고·홍보', 'advertising and PR', 'advertising', NULL, '{홍보,광고}'),
  ('training', '교육', 'training', 'education', NULL, '{교육용역,상담}'),
  ('video', '영상제작', 'video production', 'media', NULL, '{영상,홍보영상}'),
  ('car_wash', '세차', 'car wash', 'car_care', NULL, '{차량관리}'),
  ('catering', '도시락·다과', 'catering', 'food_beverage', NULL, '{다과,도시락,케이터링}'),
  ('energy_efficiency', '에너지효율화', 'energy efficiency', 'energy', NULL, '{LED교체,에너지}'),
  ('research', '연구용역', 'research', 'research', NULL, '{연구,조사용역}'),
  ('laundry', '세탁', 'laundry', 'laundry', NULL, '{세탁용역}'),
  ('transport', '운송', 'transport', 'logistics', NULL, '{배송,물류}'),
  ('staffing', '인력파견', 'staffing', 'staffing', NULL, '{인력,경비}'),
  ('recycling', '재활용', 'recycling', 'recycling', NULL, '{폐기물처리}'),
  ('it_maintenance', '정보시스템 유지보수', 'IT maintenance', 'it', NULL, '{유지보수,전산유지보수}'),
  ('disinfection', '방역·소독', 'disinfection', 'cleaning', NULL, '{방역,소독}'),
  ('facility_care', '시설관리', 'facility management', 'facility_management', NULL, '{시설유지관리,조경}');

-- Buyers: the city, district offices, agencies. records_public = false keeps an institution's own
-- records and its per-institution figures to its officers and the centre's staff.
CREATE TABLE procurement_institutions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text UNIQUE CHECK (code ~ '^[0-9A-Za-z-]{2,20}$'),       -- 행정표준기관코드 where known
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  name_key text NOT NULL UNIQUE,                                  -- normalised name, for import matching
  kind text NOT NULL CHECK (kind IN ('city', 'district', 'agency', 'office', 'other')),
  district_code text REFERENCES districts (code),
  records_public boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Officers (구매담당 공무원) are users acting for an institution.
CREATE TABLE procurement_officers (
  institution_id uuid NOT NULL REFERENCES procurement_institutions (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (institution_id, user_id)
);
CREATE INDEX procurement_officers_user_idx ON procurement_officers (user_id);

-- One row per committed (or undone) import. The records of one import have ids first_id..last_id
-- (imports are serialised by an advisory lock, so the range holds only theirs).
CREATE TABLE procurement_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  file_name text NOT NULL,
  format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  status text NOT NULL CHECK (status IN ('committed', 'undone')),
  rows integer NOT NULL CHECK (rows >= 0),
  amount bigint NOT NULL,
  matched_rows integer NOT NULL CHECK (matched_rows >= 0),
  years integer[] NOT NULL DEFAULT '{}',
  first_id bigint,
  last_id bigint,
  unmatched jsonb NOT NULL DEFAULT '[]',        -- [{ name, businessRegNo, rows, amount, firstLine }]
  new_institutions jsonb NOT NULL DEFAULT '[]', -- [{ id, name }]
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  undone_at timestamptz
);

-- Purchase records (2013: 320,000 analysed). No foreign keys: ids come from the import itself and
-- per-row trigger checks would cost more than the COPY (bench/procurement); institutions with
-- records are not deleted. year and month are the purchase date's, kept for the indexes.
CREATE TABLE procurement_records (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  import_id uuid NOT NULL,
  line integer NOT NULL,                  -- row of the source file (header = 1)
  institution_id uuid NOT NULL,
  purchased_on date NOT NULL,
  year smallint NOT NULL,
  month smallint NOT NULL CHECK (month BETWEEN 1 AND 12),
  item_name text NOT NULL,                -- as written in the file
  item_code text,                         -- procurement_items.code when recognised
  category_code text NOT NULL,
  supplier_name text NOT NULL,
  supplier_reg_no text,                   -- 사업자등록번호, 10 digits
  supplier_org_id uuid,                   -- matched directory organisation
  supplier_type text NOT NULL DEFAULT '', -- the organisation's type_key at import; '' when unmatched
  seo boolean NOT NULL DEFAULT false,     -- a social economy organisation (cooperative, social / village / self-sufficiency enterprise)
  amount bigint NOT NULL CHECK (amount >= 0),
  method text NOT NULL,                   -- single_source | open_tender | restricted_tender | designated_tender | other
  contract_type text NOT NULL,            -- goods | services | works | consignment | other
  contract_no text
);
-- Drill-down: one institution, one year (by item, by month) read from the index alone.
CREATE INDEX procurement_records_institution_idx ON procurement_records (institution_id, year)
  INCLUDE (item_code, category_code, amount, seo);
-- A supplier's own record (delivery record for matching, the supplier's page).
CREATE INDEX procurement_records_supplier_idx ON procurement_records (supplier_org_id, year) WHERE supplier_org_id IS NOT NULL;
-- The records behind a figure of the priority-items table.
CREATE INDEX procurement_records_item_idx ON procurement_records (year, item_code) WHERE item_code IS NOT NULL;

-- Aggregates the dashboards read, kept current by each import (and recomputed for the affected
-- years when an import is undone or suppliers are re-matched). supplier_type '' = not matched.
CREATE TABLE procurement_agg_month (
  year smallint NOT NULL, month smallint NOT NULL, institution_id uuid NOT NULL, supplier_type text NOT NULL,
  amount bigint NOT NULL, records integer NOT NULL,
  PRIMARY KEY (year, month, institution_id, supplier_type)
);
CREATE TABLE procurement_agg_item (
  year smallint NOT NULL, institution_id uuid NOT NULL, category_code text NOT NULL, item_code text NOT NULL, -- '' = not a known item
  supplier_type text NOT NULL,
  amount bigint NOT NULL, records integer NOT NULL,
  PRIMARY KEY (year, institution_id, category_code, item_code, supplier_type)
);
CREATE TABLE procurement_agg_method (
  year smallint NOT NULL, method text NOT NULL, contract_type text NOT NULL, supplier_type text NOT NULL,
  amount bigint NOT NULL, records integer NOT NULL,
  PRIMARY KEY (year, method, contract_type, supplier_type)
);
-- supplier_key: 'r:' || registration number, else 'n:' || normalised name.
CREATE TABLE procurement_agg_supplier (
  year smallint NOT NULL, supplier_key text NOT NULL,
  supplier_name text NOT NULL, supplier_org_id uuid, supplier_type text NOT NULL,
  amount bigint NOT NULL, records integer NOT NULL,
  PRIMARY KEY (year, supplier_key)
);
CREATE INDEX procurement_agg_supplier_amount_idx ON procurement_agg_supplier (year, amount DESC);

-- 구매목표제: a target of purchases from social economy organisations, per year, for the city as a
-- whole (institution_id NULL) or one institution, overall (item_code NULL) or for one item.
CREATE TABLE procurement_targets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  institution_id uuid REFERENCES procurement_institutions (id) ON DELETE CASCADE,
  item_code text REFERENCES procurement_items (code),
  amount bigint NOT NULL CHECK (amount > 0),
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE NULLS NOT DISTINCT (year, institution_id, item_code)
);
