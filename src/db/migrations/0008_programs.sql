-- Module programs: fiscal years, strategic areas, programmes with their KPIs, budget lines,
-- transfers (전용), month schedule, partners and evaluation; the annual performance report is
-- generated from these rows. Rates are never stored as results: they are derived on read
-- (DOMAIN.md "Formulas"); what a source document printed is kept apart (*_reported) so the
-- product can show where its own computation differs.

-- Budget groups (기본사업 / 추가 위탁사업 / 운영비 / 인건비) and budget-line categories are data.
CREATE TABLE program_budget_groups (
  key text PRIMARY KEY,
  label_ko text NOT NULL,
  label_en text NOT NULL,
  sort int NOT NULL
);
INSERT INTO program_budget_groups (key, label_ko, label_en, sort) VALUES
  ('basic', '기본사업', 'Basic programmes', 1),
  ('additional', '추가 위탁사업', 'Additionally commissioned programmes', 2),
  ('operations', '운영비', 'Operating costs', 3),
  ('personnel', '인건비', 'Personnel costs', 4);

CREATE TABLE program_budget_categories (
  key text PRIMARY KEY,
  label_ko text NOT NULL,
  label_en text NOT NULL,
  sort int NOT NULL
);
INSERT INTO program_budget_categories (key, label_ko, label_en, sort) VALUES
  ('personnel', '인건비', 'Personnel', 1),
  ('operating', '운영비', 'Operating', 2),
  ('programme', '사업비', 'Programme', 3),
  ('direct', '직접경비', 'Direct costs', 4),
  ('indirect', '간접경비', 'Indirect costs', 5),
  ('other', '기타', 'Other', 9);

CREATE TABLE program_years (
  year int PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  title text NOT NULL CHECK (length(btrim(title)) > 0),
  organisation_name text NOT NULL DEFAULT '',
  -- where the year's data came from (e.g. "2013 성과보고서"); demo years are marked so they can be removed
  source text,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Figures a source report printed for the whole year (averages, totals), kept to compare with
-- what sehub computes: key e.g. 'achievement.total', 'achievement.basic', 'execution.additional',
-- 'granted.total', 'granted.area:area-1'.
CREATE TABLE program_year_reported (
  year int NOT NULL REFERENCES program_years (year) ON DELETE CASCADE,
  key text NOT NULL,
  value numeric NOT NULL,
  label text NOT NULL DEFAULT '',
  source text,
  PRIMARY KEY (year, key)
);

-- Known inconsistencies of a year's source figures, shown in the rollup and the report.
CREATE TABLE program_year_notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  year int NOT NULL REFERENCES program_years (year) ON DELETE CASCADE,
  sort int NOT NULL DEFAULT 0,
  code text,
  kind text NOT NULL DEFAULT 'note',
  scope text NOT NULL DEFAULT '',
  text text NOT NULL,
  source text
);
CREATE INDEX program_year_notes_year_idx ON program_year_notes (year, sort);

CREATE TABLE program_areas (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  year int NOT NULL REFERENCES program_years (year) ON DELETE CASCADE,
  code text NOT NULL CHECK (length(btrim(code)) > 0),
  name_ko text NOT NULL CHECK (length(btrim(name_ko)) > 0),
  name_en text,
  budget_group text NOT NULL REFERENCES program_budget_groups (key),
  sort int NOT NULL DEFAULT 0,
  UNIQUE (year, code)
);

CREATE TABLE programs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  year int NOT NULL REFERENCES program_years (year) ON DELETE CASCADE,
  code text NOT NULL CHECK (length(btrim(code)) > 0),
  name_ko text NOT NULL CHECK (length(btrim(name_ko)) > 0),
  name_en text,
  area_id uuid REFERENCES program_areas (id) ON DELETE SET NULL,
  budget_group text NOT NULL REFERENCES program_budget_groups (key),
  parent_id uuid REFERENCES programs (id) ON DELETE CASCADE,
  -- programme: a row of the year's overview; group: a row that groups programmes (its own figures);
  -- sub: part of a programme with its own section, not a row of its own
  tier text NOT NULL DEFAULT 'programme' CHECK (tier IN ('programme', 'group', 'sub')),
  -- counted among the year's programmes (the 2013 report's "23")
  counted boolean NOT NULL DEFAULT true,
  sort int NOT NULL DEFAULT 0,
  period_start date,
  period_end date,
  period_text text,
  method text NOT NULL DEFAULT '',
  goal text NOT NULL DEFAULT '',
  description text NOT NULL DEFAULT '',
  responsible_staff text[] NOT NULL DEFAULT '{}',
  -- An explicit rule for the programme's achievement rate: when set, this rate (with its reason)
  -- is the programme's rate instead of the mean of its KPI rates.
  achievement_stated numeric CHECK (achievement_stated >= 0),
  achievement_stated_note text,
  -- Used only while spent is unknown: the execution rate as stated, with its reason.
  execution_stated numeric CHECK (execution_stated >= 0),
  execution_stated_note text,
  -- As printed by a source document (e.g. the 2013 summary table), for reconciliation only.
  achievement_reported numeric,
  execution_reported numeric,
  budget bigint,
  granted bigint,
  spent bigint,
  returned bigint,
  interest bigint,
  evaluation_achievements text[] NOT NULL DEFAULT '{}',
  evaluation_limits text[] NOT NULL DEFAULT '{}',
  evaluation_next text[] NOT NULL DEFAULT '{}',
  notes text[] NOT NULL DEFAULT '{}',
  source text,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (year, code),
  CHECK (period_end IS NULL OR period_start IS NULL OR period_end >= period_start),
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX programs_year_sort_idx ON programs (year, sort);
CREATE INDEX programs_parent_idx ON programs (parent_id);

CREATE TABLE program_kpis (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  program_id uuid NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  sort int NOT NULL DEFAULT 0,
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  unit text,
  -- quantity: rate = result ÷ target × 100; deliverable ("보고서 1식"): done or not done
  kind text NOT NULL DEFAULT 'quantity' CHECK (kind IN ('quantity', 'deliverable')),
  target numeric CHECK (target >= 0),
  target_text text,
  result numeric CHECK (result >= 0),
  result_text text,
  done boolean,
  rate_reported numeric,
  note text
);
CREATE INDEX program_kpis_program_idx ON program_kpis (program_id, sort);

CREATE TABLE program_budget_lines (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  program_id uuid NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  parent_id uuid REFERENCES program_budget_lines (id) ON DELETE CASCADE,
  sort int NOT NULL DEFAULT 0,
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  category text REFERENCES program_budget_categories (key),
  budget bigint,
  granted bigint,
  spent bigint,
  returned bigint,
  interest bigint,
  note text
);
CREATE INDEX program_budget_lines_program_idx ON program_budget_lines (program_id, sort);

-- 전용: money moved between a programme's budget lines.
CREATE TABLE program_budget_transfers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  program_id uuid NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  from_line_id uuid REFERENCES program_budget_lines (id) ON DELETE SET NULL,
  to_line_id uuid REFERENCES program_budget_lines (id) ON DELETE SET NULL,
  transfer_date date NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  reason text NOT NULL CHECK (length(btrim(reason)) > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (from_line_id IS NULL OR to_line_id IS NULL OR from_line_id <> to_line_id)
);
CREATE INDEX program_budget_transfers_program_idx ON program_budget_transfers (program_id, transfer_date);

-- 사업추진일정: tasks with planned and actual months ('YYYY-MM'); milestones are one-off tasks.
CREATE TABLE program_schedule_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  program_id uuid NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  sort int NOT NULL DEFAULT 0,
  task text NOT NULL CHECK (length(btrim(task)) > 0),
  planned_months text[] NOT NULL DEFAULT '{}',
  actual_months text[] NOT NULL DEFAULT '{}',
  milestone boolean NOT NULL DEFAULT false,
  note text
);
CREATE INDEX program_schedule_tasks_program_idx ON program_schedule_tasks (program_id, sort);

-- Partners: linked to a directory organisation where one exists; its members may see the programme.
CREATE TABLE program_partners (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  program_id uuid NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  sort int NOT NULL DEFAULT 0,
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  role text,
  organization_id uuid REFERENCES organizations (id) ON DELETE SET NULL
);
CREATE INDEX program_partners_program_idx ON program_partners (program_id, sort);
CREATE INDEX program_partners_org_idx ON program_partners (organization_id) WHERE organization_id IS NOT NULL;
