import { describe, expect, it } from 'vitest';
import { SumTable } from './sums.ts';

describe('sums under two-number keys', () => {
  it('adds amounts and counts per key, keeps every key through growth, and tells (a, b) from (b, a)', () => {
    const t = new SumTable(2);
    const expected = new Map<string, { amount: number; records: number }>();
    for (let i = 0; i < 20_000; i++) {
      const a = i % 37;
      const b = (i * 7919) % 1013;
      const amount = (i % 5) * 1_000_000_007; // sums past 2^31 stay exact
      t.add(a, b, amount);
      const e = expected.get(`${a},${b}`) ?? { amount: 0, records: 0 };
      e.amount += amount;
      e.records++;
      expected.set(`${a},${b}`, e);
    }
    t.add(0, 5, 1);
    t.add(5, 0, 2);
    for (const [k, v] of [['0,5', 1], ['5,0', 2]] as const) {
      const e = expected.get(k) ?? { amount: 0, records: 0 };
      e.amount += v;
      e.records++;
      expected.set(k, e);
    }
    const got = new Map<string, { amount: number; records: number }>();
    t.forEach((a, b, amount, records) => {
      expect(got.has(`${a},${b}`)).toBe(false);
      got.set(`${a},${b}`, { amount, records });
    });
    expect(t.size).toBe(expected.size);
    expect(got).toEqual(expected);
  });

  it('keeps the extra numbers of a key where add left them, through growth', () => {
    const t = new SumTable(2, 1);
    for (let i = 0; i < 5000; i++) t.setExtra(t.add(i % 700, 3, 10), 0, i);
    const last = new Map<number, number>();
    t.forEach((a, _b, amount, records, extra) => {
      expect(amount).toBe(records * 10);
      last.set(a, extra[0]!);
    });
    expect(last.size).toBe(700);
    // The extra of each key is that of its latest add.
    for (const [a, v] of last) expect(v).toBe(a + 700 * Math.floor((4999 - a) / 700));
  });
});
