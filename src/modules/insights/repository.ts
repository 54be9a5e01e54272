import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/engine.ts';
import type { FigureCondition, FigureSourceView } from './model.ts';
import type { EventKind, OrgFact } from './compute.ts';

/**
 * Insights' SQL. It reads other modules only through the views they publish
 * (0010_insights.sql: directory_*_v, programs_*_v; 0013_sharing.sql: sharing_linkages_v;
 * 0015: spaces_bookings_v) and writes only its own tables.
 */

// ─── organisations, through directory's views ───────────────────────────────────────────────

interface OrgViewRow {
  id: string;
  district_code: string | null;
  region_code: string | null;
  region_name_ko: string | null;
  region_name_en: string | null;
  type_key: string | null;
  subtype_key: string | null;
  industry_key: string | null;
  founded_on: string | null;
  status: 'operating' | 'closed';
}

/** Every organisation with its dated status history, as facts for the statistics. */
export async function organizationFacts(db: Db): Promise<OrgFact[]> {
  const [orgs, events] = await Promise.all([
    sql<OrgViewRow>`SELECT id, district_code, region_code, region_name_ko, region_name_en, type_key, subtype_key, industry_key, founded_on::text AS founded_on, status
      FROM directory_organizations_v`.execute(db),
    sql<{ organization_id: string; kind: EventKind; occurred_on: string; designated_subtype: string | null }>`
      SELECT organization_id, kind, occurred_on::text AS occurred_on, designated_subtype
      FROM directory_status_events_v ORDER BY organization_id, occurred_on, seq`.execute(db),
  ]);
  const byOrg = new Map<string, OrgFact>();
  for (const r of orgs.rows) {
    byOrg.set(r.id, {
      id: r.id,
      districtCode: r.district_code,
      regionCode: r.region_code,
      regionName: r.region_name_ko ? { ko: r.region_name_ko, en: r.region_name_en ?? r.region_name_ko } : null,
      typeKey: r.type_key,
      subtypeKey: r.subtype_key,
      industryKey: r.industry_key,
      foundedOn: r.founded_on,
      status: r.status,
      events: [],
    });
  }
  for (const e of events.rows) byOrg.get(e.organization_id)?.events.push({ kind: e.kind, on: e.occurred_on, subtype: e.designated_subtype });
  return [...byOrg.values()];
}

export interface Term {
  key: string;
  label_ko: string;
  label_en: string;
}

export async function terms(db: Db) {
  const [districts, types, subtypes, industries] = await Promise.all([
    sql<{ code: string; name_ko: string; name_en: string; region_code: string }>`SELECT code, name_ko, name_en, region_code FROM directory_districts_v ORDER BY sort`.execute(db),
    sql<Term>`SELECT key, label_ko, label_en FROM directory_types_v ORDER BY sort`.execute(db),
    sql<Term & { type_key: string }>`SELECT type_key, key, label_ko, label_en FROM directory_subtypes_v ORDER BY type_key, sort`.execute(db),
    sql<Term>`SELECT key, label_ko, label_en FROM directory_industries_v ORDER BY sort`.execute(db),
  ]);
  return { districts: districts.rows, types: types.rows, subtypes: subtypes.rows, industries: industries.rows };
}
export type Terms = Awaited<ReturnType<typeof terms>>;

// ─── figure definitions (insights' own tables) ──────────────────────────────────────────────

export interface DefinitionRow {
  key: string;
  version: number;
  label_ko: string;
  label_en: string;
  unit_ko: string;
  unit_en: string;
  sort: number;
  definition: unknown;
  valid_from: string;
  note: string | null;
  created_by: string | null;
  created_by_label: string;
  created_at: Date;
}

const DEFINITION_COLUMNS = sql`key, version, label_ko, label_en, unit_ko, unit_en, sort, definition, valid_from::text AS valid_from, note, created_by, created_by_label, created_at`;

export async function definitions(db: Db): Promise<DefinitionRow[]> {
  const r = await sql<DefinitionRow>`SELECT ${DEFINITION_COLUMNS} FROM insights_figure_definitions ORDER BY sort, key, version DESC`.execute(db);
  return r.rows;
}

/** The versions of one key, newest first; with `lock`, locked until the transaction ends. */
export async function versionsOf(db: Db, key: string, lock = false): Promise<DefinitionRow[]> {
  const r = await sql<DefinitionRow>`SELECT ${DEFINITION_COLUMNS} FROM insights_figure_definitions WHERE key = ${key} ORDER BY version DESC ${lock ? sql`FOR UPDATE` : sql``}`.execute(db);
  return r.rows;
}

export async function maxSort(db: Db): Promise<number> {
  const r = await sql<{ n: number | null }>`SELECT max(sort) AS n FROM insights_figure_definitions`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export async function insertDefinition(
  db: Db,
  row: Omit<DefinitionRow, 'created_at'>,
): Promise<DefinitionRow> {
  const r = await sql<DefinitionRow>`
    INSERT INTO insights_figure_definitions (key, version, label_ko, label_en, unit_ko, unit_en, sort, definition, valid_from, note, created_by, created_by_label)
    VALUES (${row.key}, ${row.version}, ${row.label_ko}, ${row.label_en}, ${row.unit_ko}, ${row.unit_en}, ${row.sort}, ${JSON.stringify(row.definition)}::jsonb,
            ${row.valid_from}::date, ${row.note}, ${row.created_by}, ${row.created_by_label})
    RETURNING ${DEFINITION_COLUMNS}`.execute(db);
  return r.rows[0]!;
}

export async function reportedFigures(db: Db, year: number): Promise<Map<string, { value: number; source: string | null; note: string | null }>> {
  const r = await sql<{ key: string; value: number; source: string | null; note: string | null }>`
    SELECT key, value::float8 AS value, source, note FROM insights_reported_figures WHERE year = ${year}`.execute(db);
  return new Map(r.rows.map((x) => [x.key, { value: x.value, source: x.source, note: x.note }]));
}

/** Whether PostgreSQL accepts a pattern as a regular expression (~). */
export async function regexAccepted(db: Db, pattern: string): Promise<boolean> {
  try {
    await sql`SELECT '' ~ ${pattern} AS ok`.execute(db);
    return true;
  } catch {
    return false;
  }
}

// ─── the views headline figures read ────────────────────────────────────────────────────────

export type FieldType = 'text' | 'number' | 'boolean';

/** What a definition may name in each published view. */
export const VIEW_FIELDS: Record<FigureSourceView, Record<string, FieldType>> = {
  programs_partners_v: { program_code: 'text', program_name: 'text', partner_name: 'text', role: 'text' },
  programs_kpis_v: { program_code: 'text', program_name: 'text', name: 'text', unit: 'text', kind: 'text', done: 'boolean', result: 'number', target: 'number' },
  sharing_linkages_v: { category_key: 'text', district_code: 'text', is_demo: 'boolean' },
  spaces_bookings_v: { room_name: 'text', status: 'text', attendees: 'number', is_demo: 'boolean' },
};

/** A validated condition as SQL; fields were checked against VIEW_FIELDS, values are parameters. */
export function conditionSql(c: FigureCondition | undefined): RawBuilder<unknown> {
  if (!c) return sql`true`;
  if ('any' in c) return sql`(${sql.join(c.any.map(conditionSql), sql` OR `)})`;
  if ('all' in c) return sql`(${sql.join(c.all.map(conditionSql), sql` AND `)})`;
  const col = sql.ref(c.field);
  if (c.op === 'eq') return c.value === null ? sql`${col} IS NULL` : sql`${col} = ${c.value}`;
  if (c.op === 'in') return sql`${col} IN (${sql.join(c.value.map((v) => sql`${v}`))})`;
  return sql`coalesce(${col}, '') ~ ${c.value}`;
}

export interface PartnerRow {
  year: number;
  program_code: string;
  program_name: string;
  partner_id: string;
  partner_name: string;
  role: string | null;
  organization_id: string | null;
  organization_name: string | null;
}

export async function partnerRows(db: Db, year: number, where: FigureCondition | undefined, linkedOnly: boolean): Promise<PartnerRow[]> {
  const r = await sql<PartnerRow>`
    SELECT p.year, p.program_code, p.program_name, p.partner_id, p.partner_name, p.role, p.organization_id, o.name AS organization_name
    FROM programs_partners_v p
    LEFT JOIN directory_organizations_v o ON o.id = p.organization_id
    WHERE p.year = ${year} AND ${conditionSql(where)} ${linkedOnly ? sql`AND p.organization_id IS NOT NULL` : sql``}
    ORDER BY p.program_code, p.partner_name, p.partner_id`.execute(db);
  return r.rows;
}

export interface KpiRow {
  year: number;
  program_code: string;
  program_name: string;
  kpi_id: string;
  name: string;
  unit: string | null;
  kind: string;
  target: number | null;
  result: number | null;
  done: boolean | null;
}

export async function kpiRows(db: Db, year: number, where: FigureCondition | undefined, withResultOnly: boolean): Promise<KpiRow[]> {
  const r = await sql<KpiRow>`
    SELECT year, program_code, program_name, kpi_id, name, unit, kind, target, result, done
    FROM programs_kpis_v
    WHERE year = ${year} AND ${conditionSql(where)} ${withResultOnly ? sql`AND result IS NOT NULL` : sql``}
    ORDER BY program_code, sort, kpi_id`.execute(db);
  return r.rows;
}

export interface LinkageRow {
  request_id: string;
  year: number;
  completed_on: string;
  category_key: string;
  district_code: string | null;
  owner_organization_id: string;
  owner_name: string | null;
  requester_organization_id: string;
  requester_name: string | null;
  is_demo: boolean;
}

/**
 * The year's completed resource linkages (sharing_linkages_v) that meet the condition. The
 * condition is applied to the view alone, before the directory's names are joined, so that its
 * fields (district_code, is_demo) mean the linkage's.
 */
export async function linkageRows(db: Db, year: number, where: FigureCondition | undefined): Promise<LinkageRow[]> {
  const r = await sql<LinkageRow>`
    WITH l AS (SELECT * FROM sharing_linkages_v WHERE year = ${year} AND ${conditionSql(where)})
    SELECT l.request_id, l.year, l.completed_on::text AS completed_on, l.category_key, l.district_code,
           l.owner_organization_id, ow.name AS owner_name, l.requester_organization_id, rq.name AS requester_name, l.is_demo
    FROM l
    LEFT JOIN directory_organizations_v ow ON ow.id = l.owner_organization_id
    LEFT JOIN directory_organizations_v rq ON rq.id = l.requester_organization_id
    ORDER BY l.completed_on, l.category_key, l.request_id`.execute(db);
  return r.rows;
}

export interface BookingRow {
  booking_id: string;
  year: number;
  starts_on: string;
  room_name: string;
  organization_id: string | null;
  organization_name: string | null;
  status: string;
  attendees: number;
  is_demo: boolean;
}

/**
 * The year's approved and completed room bookings (spaces_bookings_v) that meet the condition;
 * with `organizationsOnly`, only those an organisation made. The condition applies to the view
 * alone (its status and is_demo are the booking's).
 */
export async function bookingRows(db: Db, year: number, where: FigureCondition | undefined, organizationsOnly: boolean): Promise<BookingRow[]> {
  const r = await sql<BookingRow>`
    WITH b AS (SELECT * FROM spaces_bookings_v WHERE year = ${year} AND ${conditionSql(where)} ${organizationsOnly ? sql`AND organization_id IS NOT NULL` : sql``})
    SELECT b.booking_id, b.year, b.starts_on::text AS starts_on, b.room_name, b.organization_id, o.name AS organization_name, b.status, b.attendees, b.is_demo
    FROM b
    LEFT JOIN directory_organizations_v o ON o.id = b.organization_id
    ORDER BY b.starts_on, b.room_name, b.booking_id`.execute(db);
  return r.rows;
}
