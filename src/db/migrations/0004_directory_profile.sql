-- Module directory: taxonomies as data (Korean and English labels), districts with their code
-- systems, and the full organisation profile with its search columns and status history.
-- Taxonomy rows: ../shared/data/seed2013/taxonomies.json (seed lines 1072-1081, SeMap legend and types);
-- districts: ../shared/data/geo/districts.json (sigungu, 행정표준기관코드 and KOSTAT census codes).

CREATE TABLE regions (
  code text PRIMARY KEY,            -- 2-digit 시도 code
  name_ko text NOT NULL,
  name_en text NOT NULL
);
INSERT INTO regions VALUES ('11', '서울특별시', 'Seoul');

CREATE TABLE districts (
  code text PRIMARY KEY,            -- 5-digit 시군구 code (the canonical key)
  region_code text NOT NULL REFERENCES regions (code),
  name_ko text NOT NULL,
  name_en text NOT NULL,
  admin_org_code text,              -- 행정표준기관코드
  census_code text,                 -- KOSTAT census code (as in the boundary file)
  sort integer NOT NULL
);

INSERT INTO districts (code, region_code, name_ko, name_en, admin_org_code, census_code, sort) VALUES
  ('11110', '11', '종로구', 'Jongno-gu', '3000000', '11010', 1),
  ('11140', '11', '중구', 'Jung-gu', '3010000', '11020', 2),
  ('11170', '11', '용산구', 'Yongsan-gu', '3020000', '11030', 3),
  ('11200', '11', '성동구', 'Seongdong-gu', '3030000', '11040', 4),
  ('11215', '11', '광진구', 'Gwangjin-gu', '3040000', '11050', 5),
  ('11230', '11', '동대문구', 'Dongdaemun-gu', '3050000', '11060', 6),
  ('11260', '11', '중랑구', 'Jungnang-gu', '3060000', '11070', 7),
  ('11290', '11', '성북구', 'Seongbuk-gu', '3070000', '11080', 8),
  ('11305', '11', '강북구', 'Gangbuk-gu', '3080000', '11090', 9),
  ('11320', '11', '도봉구', 'Dobong-gu', '3090000', '11100', 10),
  ('11350', '11', '노원구', 'Nowon-gu', '3100000', '11110', 11),
  ('11380', '11', '은평구', 'Eunpyeong-gu', '3110000', '11120', 12),
  ('11410', '11', '서대문구', 'Seodaemun-gu', '3120000', '11130', 13),
  ('11440', '11', '마포구', 'Mapo-gu', '3130000', '11140', 14),
  ('11470', '11', '양천구', 'Yangcheon-gu', '3140000', '11150', 15),
  ('11500', '11', '강서구', 'Gangseo-gu', '3150000', '11160', 16),
  ('11530', '11', '구로구', 'Guro-gu', '3160000', '11170', 17),
  ('11545', '11', '금천구', 'Geumcheon-gu', '3170000', '11180', 18),
  ('11560', '11', '영등포구', 'Yeongdeungpo-gu', '3180000', '11190', 19),
  ('11590', '11', '동작구', 'Dongjak-gu', '3190000', '11200', 20),
  ('11620', '11', '관악구', 'Gwanak-gu', '3200000', '11210', 21),
  ('11650', '11', '서초구', 'Seocho-gu', '3210000', '11220', 22),
  ('11680', '11', '강남구', 'Gangnam-gu', '3220000', '11230', 23),
  ('11710', '11', '송파구', 'Songpa-gu', '3230000', '11240', 24),
  ('11740', '11', '강동구', 'Gangdong-gu', '3240000', '11250', 25);

CREATE TABLE organization_types (
  key text PRIMARY KEY,
  label_ko text NOT NULL,
  label_en text NOT NULL,
  sort integer NOT NULL
);
CREATE TABLE organization_subtypes (
  type_key text NOT NULL REFERENCES organization_types (key),
  key text NOT NULL,
  label_ko text NOT NULL,
  label_en text NOT NULL,
  sort integer NOT NULL,
  PRIMARY KEY (type_key, key)
);
CREATE TABLE industries (
  key text PRIMARY KEY,
  label_ko text NOT NULL,
  label_en text NOT NULL,
  sort integer NOT NULL
);

INSERT INTO organization_types (key, label_ko, label_en, sort) VALUES
  ('cooperative', '협동조합', 'cooperative', 1),
  ('social_enterprise', '사회적기업', 'social enterprise', 2),
  ('village_enterprise', '마을기업', 'village enterprise', 3),
  ('self_sufficiency', '자활기업', 'self-sufficiency enterprise', 4),
  ('intermediary', '중간지원조직', 'intermediary support organisation', 5),
  ('council', '협의회', 'council / network (협의체)', 6);

INSERT INTO organization_subtypes (type_key, key, label_ko, label_en, sort) VALUES
  ('cooperative', 'consumer', '소비자', 'consumer cooperative', 1),
  ('cooperative', 'producer', '생산자', 'producer cooperative', 2),
  ('cooperative', 'worker', '직원', 'worker cooperative', 3),
  ('cooperative', 'multi_stakeholder', '다중이해', 'multi-stakeholder cooperative', 4),
  ('cooperative', 'social_cooperative', '사회적협동조합', 'social cooperative', 5),
  ('social_enterprise', 'certified', '인증', 'certified social enterprise', 1),
  ('social_enterprise', 'seoul_pre_certified', '서울형(예비)', 'Seoul-designated pre-certified social enterprise', 2),
  ('social_enterprise', 'regional_pre_certified', '지역형(예비)', 'regional (district-designated) pre-certified social enterprise', 3),
  ('village_enterprise', 'ministry_designated', '행안부 지정', 'designated by the Ministry (행정안전부/안전행정부)', 1),
  ('village_enterprise', 'seoul_designated', '서울시 지정', 'designated by Seoul', 2),
  ('self_sufficiency', 'enterprise', '자활기업', 'self-sufficiency enterprise', 1),
  ('self_sufficiency', 'project_group', '자활사업단', 'self-sufficiency project group', 2),
  ('intermediary', 'district_team', '특화사업단', 'district specialisation team (지역특화사업단)', 1),
  ('intermediary', 'district_se_centre', '구사회적경제지원센터', 'district social-economy support centre', 2),
  ('intermediary', 'district_village_team', '구마을생태계사업단', 'district village-ecosystem team', 3),
  ('intermediary', 'other_intermediary', '중간지원조직', 'other intermediary support organisation', 4),
  ('intermediary', 'self_sufficiency_centre', '자활센터', 'self-sufficiency centre', 5),
  ('council', 'national', '전국', 'national council', 1),
  ('council', 'seoul_sector', '서울사회적경제부문', 'Seoul social-economy sector council', 2),
  ('council', 'district_coop', '자치구 협동조합', 'district cooperative council', 3),
  ('council', 'district_se', '자치구 사회적기업', 'district social-enterprise council', 4),
  ('council', 'district_village_net', '자치구 마을넷', 'district village network (마을넷)', 5);

INSERT INTO industries (key, label_ko, label_en, sort) VALUES
  ('living', '생활편의', 'daily-life services', 1),
  ('culture_leisure', '문화·여가', 'culture & leisure', 2),
  ('health_welfare', '건강·복지', 'health & welfare', 3),
  ('food_cafe', '음식·카페', 'food & café', 4),
  ('education', '교육·학원', 'education & academies', 5),
  ('finance', '금융', 'finance', 6),
  ('retail', '유통·쇼핑', 'retail & shopping', 7),
  ('publishing_media', '출판·미디어', 'publishing & media', 8),
  ('environment', '환경', 'environment', 9),
  ('construction_facilities', '건설·시설', 'construction & facilities', 10),
  ('manufacturing', '제조업', 'manufacturing', 11),
  ('admin_intermediary', '행정·중간지원조직', 'administration & intermediary support', 12),
  ('other', '기타', 'other', 13);


ALTER TABLE organizations
  ADD COLUMN legal_form text,
  ADD COLUMN representative text,         -- 대표자
  ADD COLUMN type_key text REFERENCES organization_types (key),
  ADD COLUMN subtype_key text,
  ADD COLUMN industry_key text REFERENCES industries (key),
  ADD COLUMN district_code text REFERENCES districts (code),
  ADD COLUMN road_address text,
  ADD COLUMN lat double precision CHECK (lat BETWEEN 33 AND 39),
  ADD COLUMN lon double precision CHECK (lon BETWEEN 124 AND 132),
  ADD COLUMN phone text,
  ADD COLUMN email text,
  ADD COLUMN website text,
  ADD COLUMN social_links jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN description text,
  ADD COLUMN products text,
  ADD COLUMN business_reg_no text CHECK (business_reg_no ~ '^[0-9]{10}$'),
  ADD COLUMN founded_on date,
  ADD COLUMN status text NOT NULL DEFAULT 'operating' CHECK (status IN ('operating', 'closed')),
  ADD COLUMN employees integer CHECK (employees >= 0),
  ADD COLUMN members integer CHECK (members >= 0),
  ADD COLUMN is_demo boolean NOT NULL DEFAULT false,
  -- search: name without spaces, lower-cased; its 초성; distinct 2-character pieces of both (and of the English name)
  ADD COLUMN search_text text NOT NULL DEFAULT '',
  ADD COLUMN search_initials text NOT NULL DEFAULT '',
  ADD COLUMN search_grams text[] NOT NULL DEFAULT '{}',
  ADD CONSTRAINT organizations_subtype_fk FOREIGN KEY (type_key, subtype_key) REFERENCES organization_subtypes (type_key, key),
  ADD CONSTRAINT organizations_coordinates_both CHECK ((lat IS NULL) = (lon IS NULL));

CREATE UNIQUE INDEX organizations_business_reg_no_key ON organizations (business_reg_no) WHERE business_reg_no IS NOT NULL;
CREATE INDEX organizations_search_grams_idx ON organizations USING gin (search_grams);
CREATE INDEX organizations_filters_idx ON organizations (type_key, district_code, industry_key);
CREATE INDEX organizations_district_idx ON organizations (district_code);

-- Dated status history: designated, certified, converted, cancelled, closed.
CREATE TABLE organization_status_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('designated', 'certified', 'converted', 'cancelled', 'closed')),
  occurred_on date NOT NULL,
  note text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organization_status_events_org_idx ON organization_status_events (organization_id, occurred_on);

-- Councils (협의회) an organisation belongs to; a council is itself an organisation.
CREATE TABLE organization_councils (
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  council_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  PRIMARY KEY (organization_id, council_id),
  CHECK (organization_id <> council_id)
);
CREATE INDEX organization_councils_council_idx ON organization_councils (council_id);

-- A revision number bumped by every change to the directory's rows, so that every app process can
-- tell cheaply whether its map clusters are stale (one row read, instead of scanning organisations).
CREATE TABLE directory_revision (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  rev bigint NOT NULL DEFAULT 0
);
INSERT INTO directory_revision VALUES (true, 0);
CREATE FUNCTION directory_bump_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE directory_revision SET rev = rev + 1;
  RETURN NULL;
END;
$$;
CREATE TRIGGER organizations_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organizations
  FOR EACH STATEMENT EXECUTE FUNCTION directory_bump_revision();

-- Edits proposed by an organisation's owners and editors, waiting for staff to approve or reject.
CREATE TABLE organization_edit_proposals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  proposed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  changes jsonb NOT NULL,          -- the proposed fields, as the API names them
  base jsonb NOT NULL,             -- those fields' values when proposed, for the before/after preview
  note text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  reason text,                     -- why it was rejected
  decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'rejected' OR reason IS NOT NULL)
);
CREATE INDEX organization_edit_proposals_queue_idx ON organization_edit_proposals (status, created_at);
CREATE INDEX organization_edit_proposals_org_idx ON organization_edit_proposals (organization_id, created_at DESC);
