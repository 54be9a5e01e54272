-- Module insights: statistics of the social economy and the centre's headline figures.
--
-- Insights owns no organisation or programme data: it reads the other modules through read-only
-- views that those modules publish (DESIGN.md, rules of the house). The views below are created
-- here because insights is their first reader, but each is published by — and belongs to — the
-- module named in its comment: that module keeps it working when it changes its own tables.
-- Insights' own tables are the figure definitions (data, versioned) and the figures a source
-- document printed, kept to compare with what sehub computes.

-- Published by directory: the organisations, with where they are and what they are.
-- Region: the district's region for Seoul districts; for organisations without a district, the
-- 시도 their road address begins with (an organisation registered with a 경기도 address has no
-- Seoul district and counts in a 경기도 row).
CREATE VIEW directory_organizations_v AS
WITH sido (code, name_ko, name_en, short_ko) AS (
  VALUES
    ('11', '서울특별시', 'Seoul', '서울'), ('26', '부산광역시', 'Busan', '부산'), ('27', '대구광역시', 'Daegu', '대구'),
    ('28', '인천광역시', 'Incheon', '인천'), ('29', '광주광역시', 'Gwangju', '광주'), ('30', '대전광역시', 'Daejeon', '대전'),
    ('31', '울산광역시', 'Ulsan', '울산'), ('36', '세종특별자치시', 'Sejong', '세종'), ('41', '경기도', 'Gyeonggi-do', '경기'),
    ('42', '강원도', 'Gangwon-do', '강원'), ('43', '충청북도', 'Chungcheongbuk-do', '충북'), ('44', '충청남도', 'Chungcheongnam-do', '충남'),
    ('45', '전라북도', 'Jeollabuk-do', '전북'), ('46', '전라남도', 'Jeollanam-do', '전남'), ('47', '경상북도', 'Gyeongsangbuk-do', '경북'),
    ('48', '경상남도', 'Gyeongsangnam-do', '경남'), ('50', '제주특별자치도', 'Jeju', '제주'), ('51', '강원특별자치도', 'Gangwon', '강원'),
    ('52', '전북특별자치도', 'Jeonbuk', '전북')
)
SELECT
  o.id,
  o.name,
  o.district_code,
  d.name_ko AS district_name_ko,
  d.name_en AS district_name_en,
  coalesce(r.code, s.code) AS region_code,
  coalesce(r.name_ko, s.name_ko) AS region_name_ko,
  coalesce(r.name_en, s.name_en) AS region_name_en,
  o.type_key,
  o.subtype_key,
  o.industry_key,
  o.founded_on,
  o.status,
  o.is_demo
FROM organizations o
LEFT JOIN districts d ON d.code = o.district_code
LEFT JOIN regions r ON r.code = d.region_code
LEFT JOIN LATERAL (
  SELECT sido.code, sido.name_ko, sido.name_en FROM sido
  WHERE o.district_code IS NULL
    AND (split_part(btrim(o.road_address), ' ', 1) IN (sido.name_ko, sido.short_ko))
  ORDER BY sido.code DESC
  LIMIT 1
) s ON true;

-- Published by directory: the dated status history. The directory's events carry no subtype; a
-- designation or conversion says which pre-certification it was in its note (서울형 / 지역형), and
-- designated_subtype reads it from there until the events carry it as a column of their own.
CREATE VIEW directory_status_events_v AS
SELECT
  e.organization_id,
  e.kind,
  e.occurred_on,
  CASE
    WHEN e.kind NOT IN ('designated', 'converted') THEN NULL
    WHEN e.note ~ '서울형' THEN 'seoul_pre_certified'
    WHEN e.note ~ '지역형' THEN 'regional_pre_certified'
  END AS designated_subtype,
  e.id AS seq
FROM organization_status_events e;

-- Published by directory: the terms organisations are counted by.
CREATE VIEW directory_districts_v AS
SELECT d.code, d.name_ko, d.name_en, d.region_code, d.sort FROM districts d;
CREATE VIEW directory_types_v AS
SELECT t.key, t.label_ko, t.label_en, t.sort FROM organization_types t;
CREATE VIEW directory_subtypes_v AS
SELECT s.type_key, s.key, s.label_ko, s.label_en, s.sort FROM organization_subtypes s;
CREATE VIEW directory_industries_v AS
SELECT i.key, i.label_ko, i.label_en, i.sort FROM industries i;

-- Published by programs: the organisations each year's programmes worked with as partners.
CREATE VIEW programs_partners_v AS
SELECT
  p.year,
  p.id AS program_id,
  p.code AS program_code,
  p.name_ko AS program_name,
  pp.id AS partner_id,
  pp.name AS partner_name,
  pp.role,
  pp.organization_id
FROM program_partners pp
JOIN programs p ON p.id = pp.program_id;

-- Published by programs: every KPI with its target and result, by year.
CREATE VIEW programs_kpis_v AS
SELECT
  p.year,
  p.id AS program_id,
  p.code AS program_code,
  p.name_ko AS program_name,
  k.id AS kpi_id,
  k.sort,
  k.name,
  k.unit,
  k.kind,
  k.target::double precision AS target,
  k.result::double precision AS result,
  k.done
FROM program_kpis k
JOIN programs p ON p.id = k.program_id;

-- Headline figure definitions: data, versioned. Editing one adds a version; none is ever changed
-- or removed, so a figure printed last year can be recomputed with the definition it used.
CREATE TABLE insights_figure_definitions (
  key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{1,49}$'),
  version int NOT NULL CHECK (version >= 1),
  label_ko text NOT NULL CHECK (length(btrim(label_ko)) > 0),
  label_en text NOT NULL CHECK (length(btrim(label_en)) > 0),
  unit_ko text NOT NULL DEFAULT '',
  unit_en text NOT NULL DEFAULT '',
  sort int NOT NULL DEFAULT 0,
  -- { kind: distinct_organizations, sources: [{ view, where? }] } | { kind: sum, view, column, where? } | { kind: count, view, where? }
  definition jsonb NOT NULL,
  -- applies to the figures of years whose 31 December is on or after this date
  valid_from date NOT NULL,
  note text,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_by_label text NOT NULL DEFAULT 'system',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (key, version)
);

-- Figures a source document printed, shown beside the computed figure with the difference.
CREATE TABLE insights_reported_figures (
  key text NOT NULL,
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  value numeric NOT NULL,
  source text,
  note text,
  PRIMARY KEY (key, year)
);

INSERT INTO insights_figure_definitions (key, version, label_ko, label_en, unit_ko, unit_en, sort, definition, valid_from, note, created_by_label) VALUES
  ('organizations_networked', 1, '네트워크 조직 수', 'Organisations networked', '개', 'organisations', 1,
   '{"kind":"distinct_organizations","sources":[{"view":"programs_partners_v"}]}',
   '2000-01-01', '그 해 사업의 협력 단체(디렉터리 단체와 연결된 경우)를 한 번씩 셉니다. 대관·자원연계·구매·주문은 해당 모듈이 뷰를 공개하면 출처로 더합니다.', 'system:migration'),
  ('new_participants', 1, '신규 참여자 수', 'New participants', '명', 'people', 2,
   '{"kind":"sum","view":"programs_kpis_v","column":"result","where":{"field":"unit","op":"eq","value":"명"}}',
   '2000-01-01', '그 해 사업 성과지표 중 단위가 ''명''인 실적의 합계입니다.', 'system:migration'),
  ('events_held', 1, '행사 개최 수', 'Events held', '회', 'events', 3,
   '{"kind":"sum","view":"programs_kpis_v","column":"result","where":{"all":[{"field":"unit","op":"eq","value":"회"},{"field":"name","op":"matches","value":"포럼|설명회|행사|교육|워크숍"}]}}',
   '2000-01-01', '그 해 사업 성과지표 중 단위가 ''회''이고 이름에 포럼·설명회·행사·교육·워크숍이 들어간 실적의 합계입니다.', 'system:migration'),
  ('reports_produced', 1, '보고서 발간 수', 'Reports produced', '건', 'reports', 4,
   '{"kind":"count","view":"programs_kpis_v","where":{"all":[{"field":"kind","op":"eq","value":"deliverable"},{"field":"done","op":"eq","value":true},{"any":[{"field":"name","op":"matches","value":"보고서"},{"field":"unit","op":"matches","value":"보고서"}]}]}}',
   '2000-01-01', '그 해 산출물 성과지표 중 이름이나 단위에 ''보고서''가 들어가고 완료된 것의 수입니다.', 'system:migration');

-- The 2013 report's headline counts (seed lines 72-86; data/seed2013/summary.json "counts"); the
-- report gives no breakdown for them (summary.json anomaly S07).
INSERT INTO insights_reported_figures (key, year, value, source, note) VALUES
  ('organizations_networked', 2013, 878, '2013 성과보고서 seed:76-78', '878개 사회적경제 조직들이 센터의 사업을 통해 네트워킹'),
  ('new_participants', 2013, 2818, '2013 성과보고서 seed:72-74', '2,818명의 사회적경제 신규 주체'),
  ('events_held', 2013, 326, '2013 성과보고서 seed:80-82', '326개의 교육 사업과 네트워킹 행사'),
  ('reports_produced', 2013, 29, '2013 성과보고서 seed:84-86', '29개의 연구보고서');
