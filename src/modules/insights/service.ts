import type { Db } from '../../db/engine.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { bi, type Bilingual } from '../../kernel/i18n.ts';
import { authorize } from '../../kernel/policy.ts';
import { conflict, fieldProblem, notFound, validationProblem, type FieldError } from '../../kernel/problem.ts';
import { recordAudit } from '../audit/index.ts';
import {
  cohortFigures,
  counts,
  kaplanMeier,
  locationQuotients as lqOf,
  stateAsOf,
  survivalSubjects,
  UNKNOWN_PRE_CERTIFIED,
  type CountBasis,
  type OrgFact,
  type SurvivalSubject,
} from './compute.ts';
import type * as M from './model.ts';
import './policy.ts';
import * as repo from './repository.ts';

/** Today in Seoul, YYYY-MM-DD. */
export function seoulToday(now = new Date()): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

const label = (t: { label_ko: string; label_en: string }): Bilingual => bi(t.label_ko, t.label_en);

// ─── distribution columns (the report's layout, seed:3230) ───────────────────────────────────

const SE_COLUMNS: { key: string; subtype: string; label: Bilingual }[] = [
  { key: 'se_certified', subtype: 'certified', label: bi('인증', 'certified social enterprise') },
  { key: 'se_seoul_pre', subtype: 'seoul_pre_certified', label: bi('서울형', 'Seoul-designated pre-certified SE (서울형 예비)') },
  { key: 'se_regional_pre', subtype: 'regional_pre_certified', label: bi('지역형', 'regional pre-certified SE (지역형 예비)') },
];
const SE_OTHER = { key: 'se_other', label: bi('기타 사회적기업', 'other social enterprises (pre-certification not recorded)') };
const TYPE_COLUMNS: Record<string, { key: string; label: Bilingual }> = {
  village_enterprise: { key: 'village', label: bi('마을기업', 'village enterprise') },
  cooperative: { key: 'coop', label: bi('협동조합', 'cooperative') },
  self_sufficiency: { key: 'self_sufficiency', label: bi('자활기업', 'self-sufficiency enterprise') },
};
const UNTYPED = { key: 'untyped', label: bi('유형 미상', 'type not recorded') };
const UNKNOWN_INDUSTRY = { key: 'unknown', label: bi('업종 미상', 'industry not recorded') };
const TOTAL = { key: 'total', label: bi('전체', 'all organisations') };

/** Which column of the type table an organisation falls in, given its subtype at the date. */
function typeColumn(o: OrgFact, subtypeAsOf: string | null): string {
  if (o.typeKey === 'social_enterprise') return SE_COLUMNS.find((c) => c.subtype === subtypeAsOf)?.key ?? SE_OTHER.key;
  if (!o.typeKey) return UNTYPED.key;
  return TYPE_COLUMNS[o.typeKey]?.key ?? o.typeKey;
}

const SURVIVAL_LABELS: Record<string, Bilingual> = {
  seoul_pre_certified: bi('서울형 예비 사회적기업', 'Seoul-designated pre-certified social enterprise'),
  certified: bi('인증 사회적기업', 'certified social enterprise'),
  regional_pre_certified: bi('지역형 예비 사회적기업', 'regional pre-certified social enterprise'),
  [UNKNOWN_PRE_CERTIFIED]: bi('예비 사회적기업 (유형 미기록)', 'pre-certified social enterprise (kind not recorded)'),
  unspecified: bi('세부유형 미기록', 'subtype not recorded'),
};
/** The report's order (seed:3274-3276). */
const SE_COHORT_ORDER = ['seoul_pre_certified', 'certified', 'regional_pre_certified', UNKNOWN_PRE_CERTIFIED];

const BASIS_NOTE: Record<CountBasis, Bilingual> = {
  operating: bi(
    '기준일까지 등록(지정·인증 또는 설립)되고 그날까지 폐업·지정취소되지 않은 조직을 셉니다. 유형은 기준일 당시의 지정 이력을 따릅니다.',
    'Counts organisations registered (designated, certified or founded) by the reference date and not closed or cancelled by then; each is counted under the type it held on that date.',
  ),
  registered: bi(
    '기준일까지 등록(지정·인증 또는 설립)된 조직을 폐업·지정취소 여부와 관계없이 모두 셉니다 (2013 보고서 표의 기준: 사회적기업 656개 = 생존율 표의 지정 전체). 유형은 기준일(또는 폐업일) 당시의 지정 이력을 따릅니다.',
    "Counts every organisation registered (designated, certified or founded) by the reference date, closed or cancelled or not — the 2013 report's basis (its 656 social enterprises are the survival table's designated total); each is counted under the type it held on that date.",
  ),
};

function checkTypes(types: string[] | undefined, t: repo.Terms, path = 'query.type'): string[] | null {
  if (!types?.length) return null;
  const known = new Set(t.types.map((x) => x.key));
  const bad = types.filter((k) => !known.has(k));
  if (bad.length) {
    throw fieldProblem(path, `알 수 없는 유형입니다: ${bad.join(', ')} (가능: ${[...known].join(', ')})`, `Unknown type: ${bad.join(', ')} (known: ${[...known].join(', ')})`);
  }
  return types;
}

const pct = (a: number, b: number): number | null => (b ? (a / b) * 100 : null);

// ─── figure definitions ──────────────────────────────────────────────────────────────────────

function presentDefinition(r: repo.DefinitionRow): M.FigureDefinitionVersion {
  return {
    key: r.key,
    version: r.version,
    label: bi(r.label_ko, r.label_en),
    unit: bi(r.unit_ko, r.unit_en),
    definition: r.definition as M.FigureDefinitionSpec,
    validFrom: r.valid_from,
    note: r.note,
    createdBy: { userId: r.created_by, label: r.created_by_label },
    createdAt: r.created_at.toISOString(),
  };
}

/** Checks every field a condition names exists in the view, with a value of its type; collects regexes to check. */
function checkCondition(c: M.FigureCondition, fields: Record<string, repo.FieldType>, path: string, errors: FieldError[], patterns: { path: string; value: string }[]) {
  if ('any' in c) return c.any.forEach((x, i) => checkCondition(x, fields, `${path}.any.${i}`, errors, patterns));
  if ('all' in c) return c.all.forEach((x, i) => checkCondition(x, fields, `${path}.all.${i}`, errors, patterns));
  const type = fields[c.field];
  if (!type) {
    errors.push({
      path: `${path}.field`,
      messages: bi(`이 뷰에 없는 항목입니다: ${c.field} (가능: ${Object.keys(fields).join(', ')})`, `The view has no field ${c.field} (known: ${Object.keys(fields).join(', ')})`),
    });
    return;
  }
  const values = c.op === 'in' ? c.value : [c.value];
  if (c.op === 'matches') {
    if (type !== 'text') errors.push({ path: `${path}.op`, messages: bi('정규식 비교는 글자 항목에만 쓸 수 있습니다', 'matches applies to text fields only') });
    else patterns.push({ path: `${path}.value`, value: c.value });
    return;
  }
  if (values.some((v) => v !== null && typeof v !== (type === 'text' ? 'string' : type))) {
    const ko = { text: '글자', number: '숫자', boolean: '참/거짓' }[type];
    errors.push({ path: `${path}.value`, messages: bi(`${c.field}의 값은 ${ko}여야 합니다`, `${c.field} takes a ${type} value`) });
  }
}

function describeCondition(c: M.FigureCondition | undefined): string {
  if (!c) return '';
  if ('any' in c) return `(${c.any.map(describeCondition).join(' OR ')})`;
  if ('all' in c) return c.all.map(describeCondition).join(' AND ');
  const v = (x: unknown) => (typeof x === 'string' ? `'${x}'` : String(x));
  if (c.op === 'eq') return `${c.field} = ${v(c.value)}`;
  if (c.op === 'in') return `${c.field} ∈ {${c.value.map(v).join(', ')}}`;
  return `${c.field} ~ '${c.value}'`;
}

function explain(d: M.FigureDefinitionSpec, year: number): Bilingual {
  const where = (c: M.FigureCondition | undefined) => (c ? ` (${describeCondition(c)})` : '');
  if (d.kind === 'distinct_organizations') {
    const sources = d.sources.map((s) => `${s.view}${where(s.where)}`).join(', ');
    return bi(`${year}년 다음 출처에 연결된 디렉터리 단체를 중복 없이 셉니다: ${sources}`, `Distinct directory organisations linked in ${year} through: ${sources}`);
  }
  if (d.kind === 'sum') return bi(`${year}년 ${d.view}의 ${d.column} 합계${where(d.where)}`, `Sum of ${d.column} over ${d.view} for ${year}${where(d.where)}`);
  return bi(`${year}년 ${d.view}의 행 수${where(d.where)}`, `Rows of ${d.view} for ${year}${where(d.where)}`);
}

/** The views that name organisations, so a distinct_organizations figure may count from them. */
const ORGANIZATION_VIEWS: M.FigureSourceView[] = ['programs_partners_v', 'sharing_linkages_v', 'spaces_bookings_v'];

const PARTNER_SOURCE_COLUMNS: M.FigureRowsColumn[] = [
  { key: 'programCode', label: bi('사업 번호', 'programme') },
  { key: 'programName', label: bi('사업명', 'programme name') },
  { key: 'partnerName', label: bi('협력 단체(기록된 이름)', 'partner as recorded') },
  { key: 'role', label: bi('역할', 'role') },
  { key: 'organizationId', label: bi('단체 ID', 'organisation id') },
  { key: 'organization', label: bi('디렉터리 단체', 'directory organisation') },
];
const KPI_COLUMNS: M.FigureRowsColumn[] = [
  { key: 'programCode', label: bi('사업 번호', 'programme') },
  { key: 'programName', label: bi('사업명', 'programme name') },
  { key: 'kpiId', label: bi('지표 ID', 'KPI id') },
  { key: 'kpiName', label: bi('성과지표', 'KPI') },
  { key: 'unit', label: bi('단위', 'unit') },
  { key: 'kind', label: bi('종류', 'kind') },
  { key: 'target', label: bi('목표', 'target') },
  { key: 'result', label: bi('실적', 'result') },
  { key: 'done', label: bi('완료', 'done') },
];

const LINKAGE_COLUMNS: M.FigureRowsColumn[] = [
  { key: 'requestId', label: bi('요청 ID', 'request id') },
  { key: 'completedOn', label: bi('완료일', 'completed on') },
  { key: 'category', label: bi('자원 분류', 'resource category') },
  { key: 'districtCode', label: bi('자치구 코드', 'district code') },
  { key: 'ownerOrganizationId', label: bi('제공 단체 ID', 'offering organisation id') },
  { key: 'ownerOrganization', label: bi('제공 단체', 'offering organisation') },
  { key: 'requesterOrganizationId', label: bi('요청 단체 ID', 'requesting organisation id') },
  { key: 'requesterOrganization', label: bi('요청 단체', 'requesting organisation') },
];
const BOOKING_COLUMNS: M.FigureRowsColumn[] = [
  { key: 'bookingId', label: bi('예약 ID', 'booking id') },
  { key: 'date', label: bi('날짜', 'date') },
  { key: 'room', label: bi('공간', 'room') },
  { key: 'status', label: bi('상태', 'status') },
  { key: 'attendees', label: bi('인원', 'attendees') },
  { key: 'organizationId', label: bi('단체 ID', 'organisation id') },
  { key: 'organization', label: bi('예약 단체', 'booking organisation') },
];

const linkageRow = (r: repo.LinkageRow) => ({
  requestId: r.request_id,
  completedOn: r.completed_on,
  category: r.category_key,
  districtCode: r.district_code,
  ownerOrganizationId: r.owner_organization_id,
  ownerOrganization: r.owner_name,
  requesterOrganizationId: r.requester_organization_id,
  requesterOrganization: r.requester_name,
});
const bookingRow = (r: repo.BookingRow) => ({
  bookingId: r.booking_id,
  date: r.starts_on,
  room: r.room_name,
  status: r.status,
  attendees: r.attendees,
  organizationId: r.organization_id,
  organization: r.organization_name,
});
const partnerRow = (r: repo.PartnerRow) => ({
  programCode: r.program_code,
  programName: r.program_name,
  partnerName: r.partner_name,
  role: r.role,
  organizationId: r.organization_id,
  organization: r.organization_name,
});
const kpiRow = (r: repo.KpiRow) => ({
  programCode: r.program_code,
  programName: r.program_name,
  kpiId: r.kpi_id,
  kpiName: r.name,
  unit: r.unit,
  kind: r.kind,
  target: r.target,
  result: r.result,
  done: r.done,
});

export function createInsightsService(db: Db) {
  /** The figure definition that applies to a year (or the given version), or undefined. */
  function pick(versions: repo.DefinitionRow[], year: number, version?: number): repo.DefinitionRow | undefined {
    if (version !== undefined) return versions.find((v) => v.version === version);
    return versions.find((v) => v.valid_from <= `${year}-12-31`);
  }

  /** A figure's value and the rows it counts, computed now from the published views. */
  async function evaluate(def: repo.DefinitionRow, year: number): Promise<Omit<M.FigureRows, 'key' | 'year' | 'version' | 'label'>> {
    const d = def.definition as M.FigureDefinitionSpec;
    if (d.kind === 'distinct_organizations') {
      const byOrg = new Map<string, { organizationId: string; organization: string | null; sources: string[] }>();
      const touch = (organizationId: string, organization: string | null, source: string) => {
        const entry = byOrg.get(organizationId) ?? { organizationId, organization, sources: [] };
        entry.organization ??= organization;
        if (!entry.sources.includes(source)) entry.sources.push(source);
        byOrg.set(organizationId, entry);
      };
      // Each source view names the organisations it touched; purchases and orders join here as
      // further views when their modules publish them.
      for (const s of d.sources) {
        if (s.view === 'programs_partners_v') {
          for (const r of await repo.partnerRows(db, year, s.where, true)) touch(r.organization_id!, r.organization_name, `program_partner:${r.program_code} ${r.program_name}`);
        } else if (s.view === 'sharing_linkages_v') {
          for (const r of await repo.linkageRows(db, year, s.where)) {
            const source = `linkage:${r.category_key} ${r.completed_on}`;
            touch(r.owner_organization_id, r.owner_name, source);
            touch(r.requester_organization_id, r.requester_name, source);
          }
        } else if (s.view === 'spaces_bookings_v') {
          for (const r of await repo.bookingRows(db, year, s.where, true)) touch(r.organization_id!, r.organization_name, `booking:${r.room_name} ${r.starts_on}`);
        }
      }
      const rows = [...byOrg.values()]
        .sort((a, b) => (a.organization ?? '').localeCompare(b.organization ?? '', 'ko') || a.organizationId.localeCompare(b.organizationId))
        .map((e) => ({ organizationId: e.organizationId, organization: e.organization, sources: e.sources.join('; ') }));
      return {
        value: rows.length,
        columns: [
          { key: 'organizationId', label: bi('단체 ID', 'organisation id') },
          { key: 'organization', label: bi('단체', 'organisation') },
          { key: 'sources', label: bi('연결된 곳', 'linked through') },
        ],
        rows,
        valueColumn: null,
      };
    }
    if (d.kind === 'sum') {
      const rows = (await repo.kpiRows(db, year, d.where, true)).map(kpiRow);
      // Sum in whole thousandths so that 0.1 + 0.2 stays 0.3.
      const value = Math.round(rows.reduce((a, r) => a + (r.result ?? 0) * 1000, 0)) / 1000;
      return { value, columns: KPI_COLUMNS, rows, valueColumn: 'result' };
    }
    if (d.view === 'programs_partners_v') {
      const rows = (await repo.partnerRows(db, year, d.where, false)).map(partnerRow);
      return { value: rows.length, columns: PARTNER_SOURCE_COLUMNS, rows, valueColumn: null };
    }
    if (d.view === 'sharing_linkages_v') {
      const rows = (await repo.linkageRows(db, year, d.where)).map(linkageRow);
      return { value: rows.length, columns: LINKAGE_COLUMNS, rows, valueColumn: null };
    }
    if (d.view === 'spaces_bookings_v') {
      const rows = (await repo.bookingRows(db, year, d.where, false)).map(bookingRow);
      return { value: rows.length, columns: BOOKING_COLUMNS, rows, valueColumn: null };
    }
    const rows = (await repo.kpiRows(db, year, d.where, false)).map(kpiRow);
    return { value: rows.length, columns: KPI_COLUMNS, rows, valueColumn: null };
  }

  async function loadFor(types: string[] | null) {
    const [orgs, t] = await Promise.all([repo.organizationFacts(db), repo.terms(db)]);
    return { orgs: types ? orgs.filter((o) => o.typeKey && types.includes(o.typeKey)) : orgs, t };
  }

  const service = {
    async distribution(ctx: RequestContext, q: { asOf?: string | undefined; basis: CountBasis; dimension: 'type' | 'industry'; type?: string[] | undefined }): Promise<M.DistributionTable> {
      authorize(ctx.actor, 'insights.statistics.read', undefined);
      const asOf = q.asOf ?? seoulToday();
      const t0 = await repo.terms(db);
      const types = checkTypes(q.type, t0);
      const { orgs, t } = await loadFor(types);

      // Tally: row key → column key → count.
      const tally = new Map<string, Map<string, number>>();
      const regions = new Map<string, Bilingual>();
      let undated = 0;
      let undatedClosures = 0;
      for (const o of orgs) {
        const s = counts(o, asOf, q.basis);
        if (!s) continue;
        if (s.undated) undated++;
        if (o.status === 'closed' && !o.events.some((e) => e.kind === 'closed' || e.kind === 'cancelled')) undatedClosures++;
        let row: string;
        if (o.districtCode) row = `d:${o.districtCode}`;
        else if (o.regionCode) {
          row = `r:${o.regionCode}`;
          regions.set(o.regionCode, o.regionName!);
        } else row = 'unknown';
        const col = q.dimension === 'type' ? typeColumn(o, s.subtypeKey) : (o.industryKey ?? UNKNOWN_INDUSTRY.key);
        const cells = tally.get(row) ?? new Map<string, number>();
        cells.set(col, (cells.get(col) ?? 0) + 1);
        tally.set(row, cells);
      }
      const present = new Set([...tally.values()].flatMap((m) => [...m.keys()]));

      const columns: M.DistributionColumn[] = [];
      if (q.dimension === 'type') {
        const se = [...SE_COLUMNS.map((c) => ({ key: c.key, label: c.label })), ...(present.has(SE_OTHER.key) ? [SE_OTHER] : [])];
        for (const c of se) columns.push({ ...c, kind: 'count' });
        columns.push({ key: 'se_subtotal', label: bi('사회적기업', 'social enterprises, subtotal'), kind: 'subtotal', parts: se.map((c) => c.key) });
        for (const c of Object.values(TYPE_COLUMNS)) columns.push({ ...c, kind: 'count' });
        for (const ty of t.types) {
          if (ty.key === 'social_enterprise' || TYPE_COLUMNS[ty.key] || !present.has(ty.key)) continue;
          columns.push({ key: ty.key, label: label(ty), kind: 'count' });
        }
        if (present.has(UNTYPED.key)) columns.push({ ...UNTYPED, kind: 'count' });
      } else {
        for (const i of t.industries) columns.push({ key: i.key, label: label(i), kind: 'count' });
        if (present.has(UNKNOWN_INDUSTRY.key)) columns.push({ ...UNKNOWN_INDUSTRY, kind: 'count' });
      }
      columns.push({ ...TOTAL, kind: 'total' });

      const cellsOf = (key: string): Record<string, number> => {
        const m = tally.get(key);
        const cells: Record<string, number> = {};
        let total = 0;
        for (const c of columns) {
          if (c.kind !== 'count') continue;
          cells[c.key] = m?.get(c.key) ?? 0;
          total += cells[c.key]!;
        }
        for (const c of columns) if (c.kind === 'subtotal') cells[c.key] = c.parts!.reduce((a, p) => a + cells[p]!, 0);
        cells.total = total;
        return cells;
      };
      const districts = [...t.districts].sort((a, b) => (a.name_ko < b.name_ko ? -1 : a.name_ko > b.name_ko ? 1 : 0));
      const rows: M.DistributionRow[] = districts.map((d) => ({ kind: 'district', code: d.code, label: bi(d.name_ko, d.name_en), cells: cellsOf(`d:${d.code}`) }));
      for (const [code, name] of [...regions].sort(([a], [b]) => a.localeCompare(b))) rows.push({ kind: 'region', code, label: name, cells: cellsOf(`r:${code}`) });
      if (tally.has('unknown')) rows.push({ kind: 'unknown', code: null, label: bi('지역 미상', 'location not recorded'), cells: cellsOf('unknown') });
      const totals: Record<string, number> = {};
      const seoulMean: Record<string, number> = {};
      for (const c of columns) {
        totals[c.key] = rows.reduce((a, r) => a + r.cells[c.key]!, 0);
        const seoul = rows.filter((r) => r.kind === 'district');
        seoulMean[c.key] = seoul.length ? seoul.reduce((a, r) => a + r.cells[c.key]!, 0) / seoul.length : 0;
      }
      const notes = [BASIS_NOTE[q.basis], bi('평균은 서울 25개 자치구의 평균입니다 (시 밖 지역 행은 합계에만 들어갑니다).', 'The mean is over the 25 Seoul districts; rows outside Seoul count in the totals only.')];
      if (undated) notes.push(bi(`설립일·지정일이 없는 ${undated}개 조직은 모든 기준일에 셉니다.`, `${undated} organisations with no founding or status date count at every date.`));
      if (q.basis === 'registered' && undatedClosures) {
        notes.push(bi(`폐업일이 기록되지 않은 폐업 조직 ${undatedClosures}개를 포함합니다.`, `Includes ${undatedClosures} closed organisations whose closing date is not recorded.`));
      }
      return { asOf, basis: q.basis, dimension: q.dimension, columns, rows, totals, seoulMean, undated, notes };
    },

    async growth(ctx: RequestContext, q: { from?: number | undefined; to?: number | undefined; type?: string[] | undefined }): Promise<M.GrowthTable> {
      authorize(ctx.actor, 'insights.statistics.read', undefined);
      const types = checkTypes(q.type, await repo.terms(db));
      const { orgs } = await loadFor(types);
      const years = (o: OrgFact) => [o.foundedOn, ...o.events.map((e) => e.on)].filter((d): d is string => d !== null).map((d) => Number(d.slice(0, 4)));
      const thisYear = Number(seoulToday().slice(0, 4));
      const to = q.to ?? thisYear;
      const earliest = Math.min(...orgs.flatMap(years), to);
      const from = q.from ?? earliest;
      if (from > to) throw fieldProblem('query.from', '첫 연도는 마지막 연도보다 앞서야 합니다', 'The first year comes before the last');
      if (to - from > 100) throw fieldProblem('query.from', '한 번에 100년까지 볼 수 있습니다', 'At most 100 years at a time');
      const out: M.GrowthYear[] = [];
      for (let y = from; y <= to; y++) {
        const row: M.GrowthYear = { year: y, founded: 0, designated: 0, certified: 0, converted: 0, cancelled: 0, closed: 0, registeredAtYearEnd: 0, operatingAtYearEnd: 0 };
        const prefix = `${y}-`;
        for (const o of orgs) {
          if (o.foundedOn?.startsWith(prefix)) row.founded++;
          for (const e of o.events) if (e.on.startsWith(prefix)) row[e.kind]++;
          const s = stateAsOf(o, `${y}-12-31`);
          if (s.registered) row.registeredAtYearEnd++;
          if (s.operating) row.operatingAtYearEnd++;
        }
        out.push(row);
      }
      return {
        from,
        to,
        types,
        years: out,
        notes: [
          bi('설립은 설립일, 지정·인증·전환·지정취소·폐업은 상태 이력의 날짜로 셉니다. 연말 현황은 12월 31일 기준입니다.', 'Founded counts founding dates; designated, certified, converted, cancelled and closed count dated status events. Year-end figures are as of 31 December.'),
        ],
      };
    },

    async survival(ctx: RequestContext, q: { asOf?: string | undefined; type: string }): Promise<M.SurvivalReport> {
      authorize(ctx.actor, 'insights.statistics.read', undefined);
      const asOf = q.asOf ?? seoulToday();
      const t = await repo.terms(db);
      checkTypes([q.type], t);
      const orgs = await repo.organizationFacts(db);
      const subjects = survivalSubjects(orgs, q.type, asOf).map((s) =>
        q.type !== 'social_enterprise' && s.cohort === UNKNOWN_PRE_CERTIFIED ? { ...s, cohort: 'unspecified' } : s,
      );
      const subtypeOrder = t.subtypes.filter((s) => s.type_key === q.type).map((s) => s.key);
      const order = q.type === 'social_enterprise' ? [...SE_COHORT_ORDER, ...subtypeOrder.filter((k) => !SE_COHORT_ORDER.includes(k))] : [...subtypeOrder, 'unspecified'];
      const keys = [...new Set(subjects.map((s) => s.cohort))].sort((a, b) => (order.indexOf(a) + 1 || 999) - (order.indexOf(b) + 1 || 999) || a.localeCompare(b));
      const labelOf = (k: string): Bilingual => {
        if (q.type === 'social_enterprise' && SURVIVAL_LABELS[k]) return SURVIVAL_LABELS[k];
        const s = t.subtypes.find((x) => x.type_key === q.type && x.key === k);
        return s ? label(s) : (SURVIVAL_LABELS[k] ?? bi(k, k));
      };
      const total = cohortFigures(subjects, asOf);
      const row = (key: string, lbl: Bilingual, group: SurvivalSubject[]): M.SurvivalCohort => {
        const f = cohortFigures(group, asOf);
        return {
          key,
          label: lbl,
          designated: f.designated,
          operating: f.operating,
          operatingRate: pct(f.operating, f.designated),
          shareOfDesignated: pct(f.designated, total.designated),
          shareOfOperating: pct(f.operating, total.operating),
          after: f.after,
          undatedClosures: f.undatedClosures,
        };
      };
      const cohorts = keys.map((k) => row(k, labelOf(k), subjects.filter((s) => s.cohort === k)));
      const totalRow = row('total', bi('전체', 'all'), subjects);
      const curves = [...cohorts, totalRow].map((c) => ({
        cohort: c.key,
        label: c.label,
        ...kaplanMeier(c.key === 'total' ? subjects : subjects.filter((s) => s.cohort === c.key), asOf),
      }));
      const ofType = orgs.filter((o) => o.typeKey === q.type);
      const undesignated = ofType.filter((o) => !o.events.some((e) => e.kind === 'designated' || e.kind === 'certified' || e.kind === 'converted')).length;
      const notes = [
        bi(
          '코호트는 조직이 마지막으로 가졌던 지정 유형(기준일 또는 폐업·지정취소일 당시)이며, 지정일은 처음 지정·인증된 날입니다.',
          'A cohort is the designation an organisation last held (at the reference date, or when it closed or lost its designation); its designation date is the first designation or certification.',
        ),
      ];
      if (undesignated) notes.push(bi(`지정·인증일이 기록되지 않은 ${undesignated}개 조직은 제외했습니다.`, `${undesignated} organisations of this type with no dated designation are left out.`));
      if (totalRow.undatedClosures) {
        notes.push(bi(`폐업일이 없는 폐업 ${totalRow.undatedClosures}개는 운영 중이 아닌 것으로 세되, 연차별 비율과 곡선에서는 뺐습니다.`, `${totalRow.undatedClosures} closures without a date count as not operating but are left out of the yearly shares and the curve.`));
      }
      return {
        asOf,
        type: q.type,
        cohorts,
        total: totalRow,
        curves,
        formulas: {
          operatingRate: bi('운영률 = 기준일 현재 운영 중 ÷ 지정(인증)된 전체 × 100', 'operating rate = still operating at the reference date ÷ ever designated (or certified) × 100'),
          after: bi(
            'N년 생존 비율 = 지정 N주년에도 폐업·지정취소되지 않은 조직 ÷ 기준일보다 N년 이상 앞서 지정된 조직 × 100',
            'share after N years = organisations not closed or cancelled by the N-th anniversary of designation ÷ organisations designated at least N years before the reference date × 100',
          ),
          kaplanMeier: bi(
            'S(t) = Π(tᵢ ≤ t) (1 − dᵢ ÷ nᵢ): t는 지정부터 폐업·지정취소까지의 개월 수, 기준일까지 운영 중이면 그날에서 중도절단, nᵢ는 tᵢ개월에 관찰 중인 조직, dᵢ는 그때 폐업·지정취소된 조직',
            'S(t) = Π(tᵢ ≤ t) (1 − dᵢ ÷ nᵢ): t = whole months from designation to closure or cancellation, censored at the reference date for those still operating; nᵢ = at risk at month tᵢ, dᵢ = closures then',
          ),
        },
        notes,
      };
    },

    async locationQuotients(ctx: RequestContext, q: { asOf?: string | undefined; basis: CountBasis; type?: string[] | undefined }): Promise<M.LocationQuotientTable> {
      authorize(ctx.actor, 'insights.statistics.read', undefined);
      const asOf = q.asOf ?? seoulToday();
      const types = checkTypes(q.type, await repo.terms(db));
      const { orgs, t } = await loadFor(types);
      const districts = [...t.districts].sort((a, b) => (a.name_ko < b.name_ko ? -1 : a.name_ko > b.name_ko ? 1 : 0));
      const dIndex = new Map(districts.map((d, i) => [d.code, i]));
      const iIndex = new Map(t.industries.map((x, i) => [x.key, i]));
      const matrix = districts.map(() => t.industries.map(() => 0));
      let outside = 0;
      let noIndustry = 0;
      for (const o of orgs) {
        if (!counts(o, asOf, q.basis)) continue;
        const d = o.districtCode ? dIndex.get(o.districtCode) : undefined;
        const i = o.industryKey ? iIndex.get(o.industryKey) : undefined;
        if (d === undefined) outside++;
        else if (i === undefined) noIndustry++;
        else matrix[d]![i]!++;
      }
      const r = lqOf(matrix);
      const THRESHOLD = 1.2;
      const notes = [BASIS_NOTE[q.basis]];
      if (outside) notes.push(bi(`서울 자치구가 없는 ${outside}개 조직은 제외했습니다.`, `${outside} organisations without a Seoul district are left out.`));
      if (noIndustry) notes.push(bi(`업종이 없는 ${noIndustry}개 조직은 제외했습니다.`, `${noIndustry} organisations without an industry are left out.`));
      return {
        asOf,
        basis: q.basis,
        types,
        formula: {
          text: 'LQ(d, i) = (n(d,i) / n(d)) ÷ (n(i) / n)',
          explanation: bi(
            `n(d,i)는 자치구 d의 업종 i 조직 수, n(d)는 자치구 d의 조직 수, n(i)는 서울 전체의 업종 i 조직 수, n은 서울 전체 조직 수입니다. 1보다 크면 그 업종이 그 자치구에 상대적으로 많이 모여 있다는 뜻이며, ${THRESHOLD} 이상을 강조합니다.`,
            `n(d,i) = organisations of industry i in district d, n(d) = organisations in d, n(i) = organisations of industry i in Seoul, n = all organisations in Seoul. Above 1 the industry is over-represented in the district; values of ${THRESHOLD} or more are highlighted.`,
          ),
        },
        threshold: THRESHOLD,
        industries: t.industries.map((x, j) => ({ key: x.key, label: label(x), count: r.columnTotals[j]! })),
        rows: districts.map((d, i) => ({
          code: d.code,
          label: bi(d.name_ko, d.name_en),
          count: r.rowTotals[i]!,
          cells: t.industries.map((x, j) => {
            const lq = r.lq[i]![j]!;
            return { industry: x.key, count: matrix[i]![j]!, lq, high: lq !== null && lq >= THRESHOLD };
          }),
        })),
        total: r.total,
        notes,
      };
    },

    async figures(ctx: RequestContext, q: { year: number; version?: number | undefined }): Promise<M.HeadlineFigures> {
      authorize(ctx.actor, 'insights.figures.read', undefined);
      const [all, reported] = await Promise.all([repo.definitions(db), repo.reportedFigures(db, q.year)]);
      const byKey = new Map<string, repo.DefinitionRow[]>();
      for (const d of all) byKey.set(d.key, [...(byKey.get(d.key) ?? []), d]);
      const figures: M.HeadlineFigure[] = [];
      for (const [key, versions] of byKey) {
        const def = (q.version !== undefined ? pick(versions, q.year, q.version) : undefined) ?? pick(versions, q.year);
        if (!def) continue;
        const { value } = await evaluate(def, q.year);
        const rep = reported.get(key) ?? null;
        figures.push({
          key,
          label: bi(def.label_ko, def.label_en),
          version: def.version,
          value,
          unit: bi(def.unit_ko, def.unit_en),
          reported: rep,
          difference: rep ? Math.round((value - rep.value) * 1000) / 1000 : null,
          explanation: explain(def.definition as M.FigureDefinitionSpec, q.year),
          rowsPath: `/api/v1/insights/figures/${key}/rows?year=${q.year}&version=${def.version}`,
        });
      }
      return { year: q.year, figures };
    },

    async figureRows(ctx: RequestContext, key: string, q: { year: number; version?: number | undefined }): Promise<M.FigureRows> {
      authorize(ctx.actor, 'insights.figures.read', undefined);
      const def = pick(await repo.versionsOf(db, key), q.year, q.version);
      if (!def) {
        throw notFound(
          q.version !== undefined ? `'${key}' 지표의 ${q.version}판이 없습니다` : `${q.year}년에 적용되는 '${key}' 지표 정의가 없습니다`,
          q.version !== undefined ? `Figure '${key}' has no version ${q.version}` : `No definition of figure '${key}' applies to ${q.year}`,
        );
      }
      const r = await evaluate(def, q.year);
      return { key, year: q.year, version: def.version, label: bi(def.label_ko, def.label_en), ...r };
    },

    async definitions(ctx: RequestContext): Promise<M.FigureDefinitionList> {
      authorize(ctx.actor, 'insights.figures.read', undefined);
      const items = new Map<string, M.FigureDefinitionVersion[]>();
      for (const r of await repo.definitions(db)) items.set(r.key, [...(items.get(r.key) ?? []), presentDefinition(r)]);
      return { items: [...items].map(([key, versions]) => ({ key, current: versions[0]!, versions })) };
    },

    /** Adds the next version of a figure's definition (version 1 of a new key); audited. */
    async saveDefinition(ctx: RequestContext, key: string, body: M.FigureDefinitionBody): Promise<M.FigureDefinitionVersion> {
      authorize(ctx.actor, 'insights.definitions.edit', undefined);
      const errors: FieldError[] = [];
      const patterns: { path: string; value: string }[] = [];
      const d = body.definition;
      const sources = d.kind === 'distinct_organizations' ? d.sources.map((s, i) => ({ ...s, path: `definition.sources.${i}.where` })) : [{ view: d.view, where: d.where, path: 'definition.where' }];
      for (const s of sources) if (s.where) checkCondition(s.where, repo.VIEW_FIELDS[s.view], s.path, errors, patterns);
      if (d.kind === 'distinct_organizations') {
        d.sources.forEach((s, i) => {
          if (!ORGANIZATION_VIEWS.includes(s.view)) {
            errors.push({
              path: `definition.sources.${i}.view`,
              messages: bi(`${s.view}에는 단체 항목이 없습니다 (가능: ${ORGANIZATION_VIEWS.join(', ')})`, `${s.view} names no organisation (known: ${ORGANIZATION_VIEWS.join(', ')})`),
            });
          }
        });
      }
      for (const p of patterns) {
        if (!(await repo.regexAccepted(db, p.value))) errors.push({ path: p.path, messages: bi('올바른 정규식이 아닙니다', 'Not a valid regular expression') });
      }
      if (errors.length) throw validationProblem(errors);
      const actor = ctx.actor;
      try {
        return await db.transaction().execute(async (trx) => {
          const versions = await repo.versionsOf(trx, key, true);
          const prev = versions[0];
          if (body.expectedVersion !== undefined && body.expectedVersion !== (prev?.version ?? 0)) {
            throw conflict(
              `다른 사람이 먼저 고쳤습니다 (현재 ${prev?.version ?? 0}판, 편집 시작 ${body.expectedVersion}판)`,
              `Someone edited this first (now version ${prev?.version ?? 0}, you started from ${body.expectedVersion})`,
            );
          }
          const row = await repo.insertDefinition(trx, {
            key,
            version: (prev?.version ?? 0) + 1,
            label_ko: body.label.ko,
            label_en: body.label.en,
            unit_ko: body.unit.ko,
            unit_en: body.unit.en,
            sort: prev?.sort ?? (await repo.maxSort(trx)) + 1,
            definition: body.definition,
            valid_from: body.validFrom ?? prev?.valid_from ?? '2000-01-01',
            note: body.note ?? null,
            created_by: actor.kind === 'user' ? actor.userId : null,
            created_by_label: actor.kind === 'user' ? (actor.via === 'token' ? 'api-token' : 'user') : actor.kind === 'system' ? `system:${actor.name}` : 'anonymous',
          });
          const after = presentDefinition(row);
          await recordAudit(trx, ctx, { action: 'insights.figure_definition.version', entityType: 'insights_figure_definition', entityId: key, before: prev ? presentDefinition(prev) : null, after });
          return after;
        });
      } catch (e) {
        // Two first versions of a new key at once: the primary key refuses the second.
        if ((e as { code?: string }).code === '23505') throw conflict('다른 사람이 먼저 고쳤습니다', 'Someone edited this first');
        throw e;
      }
    },
  };
  return service;
}
export type InsightsService = ReturnType<typeof createInsightsService>;
