import { describe, expect, it } from 'vitest';
import { withBusinessRegCheckDigit } from '../../kernel/korea.ts';
import { quickCandidate, readDate } from './importer.ts';
import { createOrganizationBody } from './schema.ts';

/**
 * An import checks each row by hand first and goes through the schema only when the quick check is
 * not sure (importer.ts, quickCandidate). The two must agree: the quick check never takes a row the
 * schema refuses, and what it makes of a row is what the schema makes of it.
 */
describe('the import quick check', () => {
  const reg = withBusinessRegCheckDigit('101810000');
  const astral = (n: number) => '𠀀'.repeat(n); // two UTF-16 units each
  const base = {
    name: '함께 협동조합',
    nameEn: null,
    representative: null,
    legalForm: null,
    roadAddress: null,
    phone: null,
    email: null,
    website: null,
    description: null,
    products: null,
    businessRegNo: null,
  };
  const variants: Record<string, unknown[]> = {
    name: ['  앞뒤 공백  ', '', ' ', 'Café', '가'.repeat(200), '가'.repeat(201), astral(100), astral(101), '\uFEFF이름\u3000'],
    nameEn: [' x ', '', '  ', 'a'.repeat(200), 'a'.repeat(201), astral(150)],
    representative: ['김철수', ' 박 ', '가'.repeat(100), '가'.repeat(101)],
    legalForm: ['주식회사', 'b'.repeat(101)],
    roadAddress: ['서울특별시 마포구 월드컵로 212', '가'.repeat(300), '가'.repeat(301), astral(200)],
    description: ['소개', '가'.repeat(5000), '가'.repeat(5001)],
    products: ['도시락', 'c'.repeat(5001)],
    phone: ['02-333-1234', ' 02-333-1234 ', '+82 2 333 1234', '(02) 333-1234', '123', 'phone', '0'.repeat(21)],
    email: ['a@b.co', 'a.b+c@example.org', 'bad@', 'x@y', ' a@b.co', `${'a'.repeat(250)}@b.co`],
    website: ['https://example.org', 'http://a.b/c?d', 'https://한글.kr', 'ftp://x.y', 'example.org', 'https://'],
    businessRegNo: [reg, ` ${reg} `, `${reg.slice(0, 3)}-${reg.slice(3, 5)}-${reg.slice(5)}`, '1234567890', '12345'],
    typeKey: ['cooperative', 'k'.repeat(51)],
    subtypeKey: ['social_cooperative', 's'.repeat(51)],
    industryKey: ['health_welfare', 'i'.repeat(51)],
    districtCode: ['11440', '1144', 'abcde'],
    location: [{ lat: 37.5, lon: 126.9 }, { lat: 33, lon: 124 }, { lat: 39, lon: 132 }, { lat: 32.99, lon: 127 }, { lat: 37, lon: 132.01 }],
    foundedOn: ['2013-03-05', '2012-02-29', '2013-02-30'],
    certifiedOn: ['2013-05-20'],
    status: ['operating', 'closed'],
    employees: [0, 12, -0, 1_000_000, 1_000_001, -1, 1.5],
    members: [3, 10_000_000, 10_000_001],
  };

  it('takes a well-formed row, and gives what the schema gives', () => {
    const row = { ...base, nameEn: 'Together', roadAddress: '서울특별시 마포구 월드컵로 212', phone: '02-333-1234', businessRegNo: reg, typeKey: 'cooperative', districtCode: '11440', location: { lat: 37.56, lon: 126.9 }, foundedOn: '2013-03-05', status: 'operating' as const, employees: 12 };
    const quick = quickCandidate(row);
    expect(quick).toBeDefined();
    expect(quick).toMatchObject({ ...createOrganizationBody.parse(row), certifiedOn: null });
  });

  it('agrees with the schema on every value at the edges: same answer where it is sure, else no answer', () => {
    let sure = 0;
    for (const [field, values] of Object.entries(variants)) {
      for (const value of values) {
        const input = { ...base, [field]: value } as Parameters<typeof quickCandidate>[0];
        const quick = quickCandidate(input);
        const { certifiedOn, ...profile } = input;
        const parsed = createOrganizationBody.safeParse(profile);
        if (!quick) continue;
        sure++;
        expect(parsed.success, `${field} = ${JSON.stringify(value)}`).toBe(true);
        // The schema leaves out what the row does not give; the quick check names it undefined.
        const given = Object.fromEntries(Object.entries(quick).filter(([, v]) => v !== undefined));
        expect(given, `${field} = ${JSON.stringify(value)}`).toEqual({ ...parsed.data, certifiedOn: certifiedOn ?? null });
      }
    }
    expect(sure).toBeGreaterThan(40);
  });

  it('reads dates already written as ISO dates as the other forms are read', () => {
    expect(['2013-03-05', '2013.3.5', '20130305', '2013년 3월 5일', '2013/03/05'].map(readDate)).toEqual(Array(5).fill('2013-03-05'));
    expect(['2013-02-30', '2013-13-01', '13-03-05'].map(readDate)).toEqual([undefined, undefined, undefined]);
  });
});
