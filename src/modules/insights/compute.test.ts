import { describe, expect, it } from 'vitest';
import { addYears, cohortFigures, kaplanMeier, locationQuotients, monthsBetween, stateAsOf, survivalSubjects, type OrgFact, type StatusEventFact } from './compute.ts';

const org = (id: string, o: Partial<OrgFact> & { events?: StatusEventFact[] }): OrgFact => ({
  id,
  districtCode: '11440',
  regionCode: '11',
  regionName: { ko: '서울특별시', en: 'Seoul' },
  typeKey: 'social_enterprise',
  subtypeKey: 'seoul_pre_certified',
  industryKey: 'living',
  foundedOn: null,
  status: 'operating',
  ...o,
  events: o.events ?? [],
});
const ev = (kind: StatusEventFact['kind'], on: string, subtype: string | null = null): StatusEventFact => ({ kind, on, subtype });

describe('location quotients', () => {
  it('equal (n(d,i)/n(d)) ÷ (n(i)/n) computed by hand, with null where a district or an industry is empty', () => {
    // n = 20; rows 10, 10, 0; columns 7, 5, 8, 0
    const r = locationQuotients([
      [6, 4, 0, 0],
      [1, 1, 8, 0],
      [0, 0, 0, 0],
    ]);
    expect(r.total).toBe(20);
    expect(r.rowTotals).toEqual([10, 10, 0]);
    expect(r.columnTotals).toEqual([7, 5, 8, 0]);
    const hand = [
      [0.6 / 0.35, 0.4 / 0.25, 0, null],
      [0.1 / 0.35, 0.1 / 0.25, 0.8 / 0.4, null],
      [null, null, null, null],
    ];
    r.lq.forEach((row, i) => row.forEach((v, j) => (hand[i]![j] === null ? expect(v).toBeNull() : expect(v).toBeCloseTo(hand[i]![j]!, 12))));
    expect(r.lq[0]![0]).toBeCloseTo(1.7142857142857, 10);
    expect(r.lq[1]![2]).toBe(2);
  });
});

describe('dates', () => {
  it('counts whole months and adds whole years', () => {
    expect(monthsBetween('2010-03-15', '2011-01-10')).toBe(9);
    expect(monthsBetween('2013-01-31', '2013-02-28')).toBe(0);
    expect(monthsBetween('2013-01-31', '2013-03-01')).toBe(1);
    expect(addYears('2012-02-29', 1)).toBe('2013-02-28');
    expect(addYears('2011-05-20', 2)).toBe('2013-05-20');
  });
});

describe('an organisation as of a date', () => {
  const promoted = org('p', {
    subtypeKey: 'certified',
    foundedOn: '2009-05-01',
    events: [ev('designated', '2011-01-01', 'seoul_pre_certified'), ev('certified', '2012-06-01')],
  });

  it('follows its history: not yet a social enterprise, then Seoul pre-certified, then certified', () => {
    expect(stateAsOf(promoted, '2010-12-31')).toEqual({ registered: false, operating: false, undated: false, subtypeKey: null });
    expect(stateAsOf(promoted, '2011-12-31')).toMatchObject({ registered: true, operating: true, subtypeKey: 'seoul_pre_certified' });
    expect(stateAsOf(promoted, '2012-12-31')).toMatchObject({ registered: true, operating: true, subtypeKey: 'certified' });
  });

  it('stops operating on a cancellation or closure, stays registered, and counts the undated at every date', () => {
    const cancelled = org('c', { events: [ev('designated', '2011-03-01'), ev('cancelled', '2012-04-30')] });
    expect(stateAsOf(cancelled, '2012-04-29')).toMatchObject({ registered: true, operating: true });
    expect(stateAsOf(cancelled, '2012-04-30')).toMatchObject({ registered: true, operating: false, subtypeKey: 'seoul_pre_certified' });
    const coop = org('k', { typeKey: 'cooperative', subtypeKey: 'worker', foundedOn: '2013-02-01' });
    expect(stateAsOf(coop, '2013-01-31').registered).toBe(false);
    expect(stateAsOf(coop, '2013-02-01').registered).toBe(true);
    const undated = org('u', { typeKey: 'cooperative', subtypeKey: 'worker' });
    expect(stateAsOf(undated, '1999-01-01')).toMatchObject({ registered: true, operating: true, undated: true });
    const closedNoDate = org('z', { typeKey: 'cooperative', subtypeKey: 'worker', foundedOn: '2013-02-01', status: 'closed' });
    expect(stateAsOf(closedNoDate, '2013-06-01')).toMatchObject({ registered: true, operating: false });
  });

  it('says "pre-certified, kind not recorded" when a certified organisation\'s earlier designation names none', () => {
    const o = org('x', { subtypeKey: 'certified', events: [ev('designated', '2011-01-01'), ev('certified', '2013-01-01')] });
    expect(stateAsOf(o, '2012-01-01').subtypeKey).toBe('pre_certified');
    expect(stateAsOf(o, '2013-01-01').subtypeKey).toBe('certified');
  });
});

describe('survival of a constructed cohort (as of 2013-12-31)', () => {
  const asOf = '2013-12-31';
  // months from designation to exit (event) or to asOf (censored):
  // A 9 event, B 26 event, C 35 censored, D 12 censored, E 2 event, F 12 event
  const orgs = [
    org('A', { events: [ev('designated', '2010-03-15'), ev('closed', '2011-01-10')], status: 'closed' }),
    org('B', { events: [ev('designated', '2010-06-01'), ev('cancelled', '2012-08-01')] }),
    org('C', { subtypeKey: 'certified', events: [ev('designated', '2011-01-01', 'seoul_pre_certified'), ev('certified', '2012-06-01')] }),
    org('D', { events: [ev('designated', '2012-12-31')] }),
    org('E', { subtypeKey: 'regional_pre_certified', events: [ev('designated', '2013-07-01'), ev('closed', '2013-09-15')], status: 'closed' }),
    org('F', { events: [ev('designated', '2011-05-20'), ev('cancelled', '2012-05-20')] }),
    // not counted: designated after the reference date; another type; no dated designation
    org('G', { events: [ev('designated', '2014-01-02')] }),
    org('H', { typeKey: 'cooperative', subtypeKey: 'worker', foundedOn: '2013-01-01' }),
    org('I', {}),
  ];
  const subjects = survivalSubjects(orgs, 'social_enterprise', asOf);

  it('puts each organisation in the cohort it last held, from its first designation', () => {
    expect(subjects.map((s) => [s.cohort, s.designatedOn, s.exitOn])).toEqual([
      ['seoul_pre_certified', '2010-03-15', '2011-01-10'],
      ['seoul_pre_certified', '2010-06-01', '2012-08-01'],
      ['certified', '2011-01-01', null],
      ['seoul_pre_certified', '2012-12-31', null],
      ['regional_pre_certified', '2013-07-01', '2013-09-15'],
      ['seoul_pre_certified', '2011-05-20', '2012-05-20'],
    ]);
  });

  it('gives the operating count and the shares after 1, 2 and 3 years computed by hand', () => {
    const f = cohortFigures(subjects, asOf);
    expect(f.designated).toBe(6);
    expect(f.operating).toBe(2); // C, D
    // 1 year: eligible A B C D F (E too recent); surviving B C D (F closed on its anniversary)
    // 2 years: eligible A B C F; surviving B C
    // 3 years: eligible A B; surviving none (B was cancelled 2 years 2 months in)
    expect(f.after).toEqual([
      { years: 1, eligible: 5, surviving: 3, share: 60 },
      { years: 2, eligible: 4, surviving: 2, share: 50 },
      { years: 3, eligible: 2, surviving: 0, share: 0 },
    ]);
    const seoul = cohortFigures(subjects.filter((s) => s.cohort === 'seoul_pre_certified'), asOf);
    expect([seoul.designated, seoul.operating]).toEqual([4, 1]);
  });

  it('gives the Kaplan–Meier steps and at-risk counts computed by hand', () => {
    const km = kaplanMeier(subjects, asOf);
    const steps = km.steps.map((s) => ({ ...s, survival: Math.round(s.survival * 1e9) / 1e9 }));
    expect(steps).toEqual([
      { month: 0, atRisk: 6, events: 0, censored: 0, survival: 1 },
      { month: 2, atRisk: 6, events: 1, censored: 0, survival: Math.round((5 / 6) * 1e9) / 1e9 },
      { month: 9, atRisk: 5, events: 1, censored: 0, survival: Math.round((4 / 6) * 1e9) / 1e9 },
      { month: 12, atRisk: 4, events: 1, censored: 1, survival: 0.5 },
      { month: 26, atRisk: 2, events: 1, censored: 0, survival: 0.25 },
      { month: 35, atRisk: 1, events: 0, censored: 1, survival: 0.25 },
    ]);
    expect(km.atRiskEvery12).toEqual([
      { month: 0, atRisk: 6 },
      { month: 12, atRisk: 4 },
      { month: 24, atRisk: 2 },
    ]);
  });

  it('leaves a closure without a date out of the shares and the curve but not out of the operating count', () => {
    const withUndated = survivalSubjects([...orgs, org('J', { events: [ev('designated', '2010-01-01')], status: 'closed' })], 'social_enterprise', asOf);
    const f = cohortFigures(withUndated, asOf);
    expect([f.designated, f.operating, f.undatedClosures]).toEqual([7, 2, 1]);
    expect(f.after[0]).toEqual({ years: 1, eligible: 5, surviving: 3, share: 60 });
    expect(kaplanMeier(withUndated, asOf).steps[0]!.atRisk).toBe(6);
  });
});
