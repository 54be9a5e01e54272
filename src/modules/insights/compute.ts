/**
 * The statistics as pure functions of organisation facts: what an organisation was at a date,
 * distribution counts, location quotients, survival shares and the Kaplan–Meier estimate. No SQL
 * and no HTTP here, so each formula is tested on small hand-made inputs.
 */

export type EventKind = 'designated' | 'certified' | 'converted' | 'cancelled' | 'closed';

export interface StatusEventFact {
  kind: EventKind;
  /** YYYY-MM-DD */
  on: string;
  /** the pre-certification a designation or conversion names, when it names one */
  subtype: string | null;
}

export interface OrgFact {
  id: string;
  districtCode: string | null;
  regionCode: string | null;
  regionName: { ko: string; en: string } | null;
  typeKey: string | null;
  subtypeKey: string | null;
  industryKey: string | null;
  foundedOn: string | null;
  status: 'operating' | 'closed';
  /** in date order */
  events: StatusEventFact[];
}

/** Types that exist by designation: an organisation becomes one on its first designation. */
const BY_DESIGNATION = new Set(['social_enterprise', 'village_enterprise']);
const ENTERING: ReadonlySet<EventKind> = new Set(['designated', 'certified', 'converted']);
const LEAVING: ReadonlySet<EventKind> = new Set(['cancelled', 'closed']);

/** Social enterprise with a designation whose pre-certification the history does not name. */
export const UNKNOWN_PRE_CERTIFIED = 'pre_certified';

export interface StateAsOf {
  /** registered on or before the date (or undated) */
  registered: boolean;
  /** registered, and not closed or cancelled on or before the date */
  operating: boolean;
  /** no founding date and no status event: counted at every date */
  undated: boolean;
  /** the subtype the organisation held at the date (for social enterprises, from the history); null before it registered */
  subtypeKey: string | null;
}

/** The date an organisation entered the register, or null when nothing is dated. */
export function registeredOn(o: OrgFact): string | null {
  const firstEntering = o.events.find((e) => ENTERING.has(e.kind))?.on ?? null;
  if (o.typeKey && BY_DESIGNATION.has(o.typeKey)) return firstEntering ?? o.foundedOn ?? o.events[0]?.on ?? null;
  return o.foundedOn ?? o.events[0]?.on ?? null;
}

/** The subtype a social enterprise held after an entering event. */
function subtypeAfter(o: OrgFact, e: StatusEventFact): string | null {
  if (e.kind === 'certified') return 'certified';
  if (e.subtype) return e.subtype;
  // A designation that names no pre-certification: the current subtype tells it, unless the
  // organisation has been certified since (then which pre-certification it held is not known).
  if (o.subtypeKey !== 'certified') return o.subtypeKey;
  return o.events.some((x) => x.kind === 'certified') ? UNKNOWN_PRE_CERTIFIED : 'certified';
}

/** The subtype held at `date` (inclusive), from the entering events on or before it. */
export function subtypeAsOf(o: OrgFact, date: string): string | null {
  if (o.typeKey !== 'social_enterprise') return o.subtypeKey;
  let subtype: string | null = null;
  let seen = false;
  for (const e of o.events) {
    if (e.on > date) break;
    if (ENTERING.has(e.kind)) {
      subtype = subtypeAfter(o, e);
      seen = true;
    }
  }
  return seen ? subtype : o.subtypeKey;
}

/** The first closure or cancellation on or after `from` (any, when from is null). */
export function exitOn(o: OrgFact, from: string | null = null): string | null {
  return o.events.find((e) => LEAVING.has(e.kind) && (from === null || e.on >= from))?.on ?? null;
}

/** Closed by status, with no dated closure or cancellation to say when. */
export function closedUndated(o: OrgFact): boolean {
  return o.status === 'closed' && !o.events.some((e) => LEAVING.has(e.kind));
}

export function stateAsOf(o: OrgFact, date: string): StateAsOf {
  const entered = registeredOn(o);
  const undated = entered === null;
  const registered = undated || entered <= date;
  // Walk the history: an entering event after a cancellation (re-designation) reopens it.
  let open = registered;
  for (const e of o.events) {
    if (e.on > date) break;
    if (ENTERING.has(e.kind)) open = true;
    else if (LEAVING.has(e.kind)) open = false;
  }
  const operating = registered && open && !closedUndated(o);
  return { registered, operating, undated, subtypeKey: registered ? subtypeAsOf(o, date) : null };
}

export type CountBasis = 'operating' | 'registered';

export function counts(o: OrgFact, date: string, basis: CountBasis): StateAsOf | null {
  const s = stateAsOf(o, date);
  return (basis === 'operating' ? s.operating : s.registered) ? s : null;
}

// ─── location quotients ──────────────────────────────────────────────────────────────────────

export interface LqResult {
  lq: (number | null)[][];
  rowTotals: number[];
  columnTotals: number[];
  total: number;
}

/** LQ(d, i) = (n(d,i) / n(d)) ÷ (n(i) / n); null where n(d) or n(i) is 0. */
export function locationQuotients(matrix: number[][]): LqResult {
  const rowTotals = matrix.map((r) => r.reduce((a, b) => a + b, 0));
  const width = matrix[0]?.length ?? 0;
  const columnTotals = Array.from({ length: width }, (_, j) => matrix.reduce((a, r) => a + (r[j] ?? 0), 0));
  const total = rowTotals.reduce((a, b) => a + b, 0);
  const lq = matrix.map((r, i) =>
    r.map((n, j) => {
      const nd = rowTotals[i]!;
      const ni = columnTotals[j]!;
      return nd === 0 || ni === 0 ? null : n / nd / (ni / total);
    }),
  );
  return { lq, rowTotals, columnTotals, total };
}

// ─── survival ────────────────────────────────────────────────────────────────────────────────

/** `date` plus whole years (29 February → 28 February in a common year). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const ty = y + years;
  const last = new Date(Date.UTC(ty, m, 0)).getUTCDate();
  return `${ty}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Whole months from a to b (b ≥ a): 2013-01-31 → 2013-02-28 is 0, → 2013-03-01 is 1. */
export function monthsBetween(a: string, b: string): number {
  const [ay, am, ad] = a.split('-').map(Number) as [number, number, number];
  const [by, bm, bd] = b.split('-').map(Number) as [number, number, number];
  return (by - ay) * 12 + (bm - am) - (bd < ad ? 1 : 0);
}

/** One designated organisation, observed from designation until it closed or until the reference date. */
export interface SurvivalSubject {
  cohort: string;
  designatedOn: string;
  /** first closure or cancellation on or before the reference date; null: still operating */
  exitOn: string | null;
  /** closed by status with no date: not operating, but out of the time-based figures */
  undatedClosure: boolean;
}

/** The subjects of a type's survival table as of `asOf`: every organisation of the type with a dated designation on or before it. */
export function survivalSubjects(orgs: OrgFact[], typeKey: string, asOf: string): SurvivalSubject[] {
  const out: SurvivalSubject[] = [];
  for (const o of orgs) {
    if (o.typeKey !== typeKey) continue;
    const first = o.events.find((e) => ENTERING.has(e.kind));
    if (!first || first.on > asOf) continue;
    const exit = exitOn(o, first.on);
    const exited = exit !== null && exit <= asOf ? exit : null;
    // The cohort: what it last was — when it closed, or at the reference date.
    const cohort = subtypeAsOf(o, exited ?? asOf) ?? UNKNOWN_PRE_CERTIFIED;
    out.push({ cohort, designatedOn: first.on, exitOn: exited, undatedClosure: exited === null && closedUndated(o) });
  }
  return out;
}

export interface AfterYears {
  years: 1 | 2 | 3;
  eligible: number;
  surviving: number;
  share: number | null;
}

export interface CohortFigures {
  designated: number;
  operating: number;
  undatedClosures: number;
  after: AfterYears[];
}

export function cohortFigures(subjects: SurvivalSubject[], asOf: string): CohortFigures {
  const operating = subjects.filter((s) => s.exitOn === null && !s.undatedClosure).length;
  const timed = subjects.filter((s) => !s.undatedClosure);
  const after = ([1, 2, 3] as const).map((years) => {
    const eligible = timed.filter((s) => addYears(s.designatedOn, years) <= asOf);
    // Still operating on the anniversary: no closure, or one after it.
    const surviving = eligible.filter((s) => s.exitOn === null || s.exitOn > addYears(s.designatedOn, years)).length;
    return { years, eligible: eligible.length, surviving, share: eligible.length ? (surviving / eligible.length) * 100 : null };
  });
  return { designated: subjects.length, operating, undatedClosures: subjects.length - timed.length, after };
}

export interface KmStep {
  month: number;
  atRisk: number;
  events: number;
  censored: number;
  survival: number;
}

/**
 * Kaplan–Meier product-limit estimate. Time = whole months from designation to closure (an event)
 * or to the reference date (censored). At a month with both, the censored are still at risk for
 * that month's events. Starts at month 0 with everyone at risk.
 */
export function kaplanMeier(subjects: SurvivalSubject[], asOf: string): { steps: KmStep[]; atRiskEvery12: { month: number; atRisk: number }[] } {
  const obs = subjects.filter((s) => !s.undatedClosure).map((s) => ({ t: monthsBetween(s.designatedOn, s.exitOn ?? asOf), event: s.exitOn !== null }));
  const times = [...new Set(obs.map((o) => o.t))].sort((a, b) => a - b);
  const steps: KmStep[] = [];
  let s = 1;
  if (!times.includes(0)) steps.push({ month: 0, atRisk: obs.length, events: 0, censored: 0, survival: 1 });
  for (const t of times) {
    const atRisk = obs.filter((o) => o.t >= t).length;
    const events = obs.filter((o) => o.t === t && o.event).length;
    const censored = obs.filter((o) => o.t === t && !o.event).length;
    if (atRisk > 0) s *= 1 - events / atRisk;
    steps.push({ month: t, atRisk, events, censored, survival: s });
  }
  const maxT = times.length ? times[times.length - 1]! : 0;
  const atRiskEvery12 = [];
  for (let m = 0; m <= maxT; m += 12) atRiskEvery12.push({ month: m, atRisk: obs.filter((o) => o.t >= m).length });
  return { steps, atRiskEvery12 };
}
