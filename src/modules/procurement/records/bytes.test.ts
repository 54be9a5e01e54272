import { describe, expect, it } from 'vitest';
import { eucKr } from '../../../../test/helpers.ts';
import { Problem } from '../../../kernel/problem.ts';
import { ByteMap, CsvBytes, utf8Chunks } from './bytes.ts';

/** Rows of a CSV as [line, ...fields], the text fed in chunks of `size` bytes. */
function rows(text: string | Buffer, size = 1 << 20): (string | number)[][] {
  const out: (string | number)[][] = [];
  const csv = new CsvBytes((b, starts, ends, n, line) => {
    const r: (string | number)[] = [line];
    for (let i = 0; i < n; i++) r.push(b.toString('utf8', starts[i], ends[i]));
    out.push(r);
  });
  const all = typeof text === 'string' ? Buffer.from(text) : text;
  for (let i = 0; i < all.length; i += size) csv.push(all.subarray(i, i + size));
  csv.end();
  return out;
}

async function collect(chunks: (Buffer | string)[]): Promise<string> {
  const out: Buffer[] = [];
  for await (const b of utf8Chunks((async function* () { yield* chunks; })(), { bytes: 0 })) out.push(b);
  return Buffer.concat(out).toString('utf8');
}

describe('reading purchase files as bytes', () => {
  const text = [
    '기관명,금액,품목',
    '서울특별시 중구,1000,복사용지',
    '',
    '"종로구, 본청","1,200","A4 ""고급"" 용지"',
    '마포구,30,"두 줄',
    '품목"',
    '강서구,5,끝',
  ].join('\r\n');
  const expected = [
    [1, '기관명', '금액', '품목'],
    [2, '서울특별시 중구', '1000', '복사용지'],
    [4, '종로구, 본청', '1,200', 'A4 "고급" 용지'],
    [5, '마포구', '30', '두 줄\n품목'],
    [7, '강서구', '5', '끝'],
  ];

  it('splits lines and fields, quoted fields with commas, quotes and line breaks, and counts lines as the file does', () => {
    expect(rows(text)).toEqual(expected);
    expect(rows(`${text}\n`)).toEqual(expected);
  });

  it('gives the same rows wherever the chunks end, even inside a Korean character', () => {
    const bytes = Buffer.from(text);
    for (const size of [1, 2, 3, 5, 7, 64]) expect(rows(bytes, size), `chunks of ${size}`).toEqual(expected);
  });

  it('passes UTF-8 through without its byte-order mark, whole characters only, and turns EUC-KR into UTF-8', async () => {
    const korean = '기관명,업체명\n서울특별시,사회적협동조합 함께\n';
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(korean)]);
    // Split inside the byte-order mark and inside characters.
    expect(await collect([utf8.subarray(0, 2), utf8.subarray(2, 9), utf8.subarray(9, 20), utf8.subarray(20)])).toBe(korean);
    const euc = eucKr(korean);
    expect(await collect([euc.subarray(0, 5), euc.subarray(5)])).toBe(korean);
    expect(await collect([korean])).toBe(korean);
  });

  it('refuses bytes that are not UTF-8 after a UTF-8 start, naming the file in both languages', async () => {
    const start = Buffer.from('기관명,업체명\n'.repeat(6000));
    const err = await collect([start, Buffer.from([0x41, 0xff, 0xfe, 0x0a])]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Problem);
    expect((err as Problem).errors[0]!.path).toBe('file');
    expect((err as Problem).detail!.ko).toContain('UTF-8');
    expect((err as Problem).detail!.en).toContain('neither UTF-8 nor EUC-KR');
    // A character cut off by the end of the file is refused too.
    expect(await collect([start, Buffer.from('기').subarray(0, 2)]).catch((e: unknown) => e)).toBeInstanceOf(Problem);
  });

  it('refuses a NUL character, in UTF-8 and in EUC-KR, naming the file in both languages', async () => {
    for (const bytes of [Buffer.from('기관명,업체명\n서울,a\u0000b\n'), eucKr('기관명,업체명\n서울,a\u0000b\n')]) {
      const err = await collect([bytes]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Problem);
      expect((err as Problem).errors[0]!.path).toBe('file');
      expect((err as Problem).detail!.ko).toContain('NUL');
      expect((err as Problem).detail!.en).toContain('NUL character');
    }
  });

  it('keys values by their bytes: pairs of ranges are told apart, and every key survives growth', () => {
    const m = new ByteMap<number>(4);
    const b = Buffer.from('ab');
    m.set(b, 0, 2, 0, 0, 1);
    m.set(b, 0, 1, 1, 2, 2);
    expect(m.get(b, 0, 2)).toBe(1);
    expect(m.get(b, 0, 1, 1, 2)).toBe(2);
    expect(m.get(b, 0, 1)).toBeUndefined();
    const keys = Array.from({ length: 5000 }, (_, i) => Buffer.from(`사업자${i}`));
    keys.forEach((k, i) => m.set(k, 0, k.length, 0, 0, i + 10));
    expect(m.size).toBe(5002);
    expect(keys.every((k, i) => m.get(k, 0, k.length) === i + 10)).toBe(true);
    m.set(keys[7]!, 0, keys[7]!.length, 0, 0, -1);
    expect(m.get(keys[7]!, 0, keys[7]!.length)).toBe(-1);
    expect(m.size).toBe(5002);
  });

  it('numbers keys in order of insertion and keeps each key’s payload after it', () => {
    const m = new ByteMap<never>(2);
    const keys = Array.from({ length: 3000 }, (_, i) => [Buffer.from(`업체${i}`), Buffer.from(String(1000 + i))] as const);
    keys.forEach(([name, reg], i) => expect(m.add(Buffer.concat([name, reg]), 0, name.length, name.length, name.length + reg.length, Buffer.from(`part-${i}`))).toBe(i));
    keys.forEach(([name, reg], i) => {
      const b = Buffer.concat([Buffer.from('xx'), name, reg]);
      const slot = m.find(b, 2, 2 + name.length, 2 + name.length, b.length);
      expect(m.index(slot)).toBe(i);
      expect(m.arena.toString('utf8', m.payloadStart(slot), m.payloadEnd(slot))).toBe(`part-${i}`);
    });
    expect(m.find(Buffer.from('업체1'), 0, 7)).toBe(-1);
    expect(() => m.add(Buffer.from('업체01000'), 0, 7, 7, 11)).toThrow();
  });
});
