import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hashPassword, randomToken, sha256, verifyPassword } from './crypto.ts';
import { negotiateLocale } from './i18n.ts';
import { isCalendarDate } from './korea.ts';
import { fieldErrorsFromZod, Problem } from './problem.ts';

describe('negotiateLocale', () => {
  it('answers in Korean unless English is preferred', () => {
    expect(negotiateLocale(undefined)).toBe('ko');
    expect(negotiateLocale('fr-FR,fr;q=0.9')).toBe('ko');
    expect(negotiateLocale('en-US,en;q=0.9,ko;q=0.8')).toBe('en');
    expect(negotiateLocale('ko-KR,ko;q=0.9,en;q=0.8')).toBe('ko');
    expect(negotiateLocale('fr;q=1,en;q=0.5,ko;q=0.7')).toBe('ko');
  });
});

describe('passwords and tokens', () => {
  it('hashes with scrypt and a fresh salt, verifying only the right password', async () => {
    const a = await hashPassword('사회적경제 비밀번호');
    const b = await hashPassword('사회적경제 비밀번호');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('사회적경제 비밀번호', a)).toBe(true);
    expect(await verifyPassword('사회적경제 비밀번호 ', a)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });

  it('treats composed and decomposed Hangul as the same password', async () => {
    const composed = '협동조합'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });

  it('makes distinct URL-safe tokens and stable SHA-256 digests', () => {
    const t = randomToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(t);
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('problems', () => {
  it('turns zod issues into field errors with Korean and English messages', () => {
    const schema = z.object({
      email: z.email(),
      rows: z.array(z.object({ amount: z.number().int() })),
      name: z.string().refine((s) => s.trim() !== '', { message: 'Name is empty', params: { ko: '이름이 비었습니다' } }),
    });
    const r = schema.safeParse({ email: 'x', rows: [{ amount: 1 }, { amount: 1.5 }], name: ' ' });
    expect(r.success).toBe(false);
    const errors = fieldErrorsFromZod(r.error!.issues);
    expect(errors.map((e) => e.path)).toEqual(['email', 'rows.1.amount', 'name']);
    expect(errors[0]!.messages.ko).toMatch(/이메일/);
    expect(errors[0]!.messages.en).toMatch(/email/i);
    expect(errors[2]!.messages).toEqual({ ko: '이름이 비었습니다', en: 'Name is empty' });
  });

  it('says limits and missing values in plain Korean, not in JavaScript type names', () => {
    const schema = z.object({
      capacity: z.number().int().min(1).max(500),
      name: z.string().min(1).max(5),
      code: z.string().min(2),
      tags: z.array(z.string()).min(1).max(1),
      share: z.number().gt(0),
      count: z.number(),
      list: z.array(z.string()),
      title: z.string(),
    });
    const r = schema.safeParse({ capacity: 0, name: '', code: 'x', tags: [], share: 0, count: 'many', list: 'a', title: undefined });
    const ko = Object.fromEntries(fieldErrorsFromZod(r.error!.issues).map((e) => [e.path, e.messages.ko]));
    expect(ko).toEqual({
      capacity: '1 이상이어야 합니다',
      name: '값을 입력해 주세요',
      code: '2자 이상 입력해 주세요',
      tags: '1개 이상이어야 합니다',
      share: '0보다 커야 합니다',
      count: '숫자로 적어 주세요',
      list: '목록으로 적어 주세요',
      title: '꼭 적어야 하는 항목입니다',
    });
    const big = schema.safeParse({ capacity: 501, name: '가나다라마바', code: 'ab', tags: ['a', 'b'], share: 1, count: 1, list: [], title: 't' });
    const kb = Object.fromEntries(fieldErrorsFromZod(big.error!.issues).map((e) => [e.path, e.messages]));
    expect(kb.capacity).toEqual({ ko: '500 이하여야 합니다', en: expect.stringMatching(/500/) });
    expect(kb.name!.ko).toBe('5자 이하로 입력해 주세요');
    expect(kb.tags!.ko).toBe('1개 이하여야 합니다');
  });

  it('renders RFC 9457 bodies in the asked language with both messages kept', () => {
    const p = new Problem('forbidden');
    expect(p.toJSON('en', '/x', 'req-1')).toEqual({
      type: '/problems/forbidden',
      title: 'You are not allowed to do this',
      status: 403,
      instance: '/x',
      messages: { ko: '이 작업을 할 권한이 없습니다', en: 'You are not allowed to do this' },
      requestId: 'req-1',
    });
  });
});

describe('calendar dates', () => {
  it('accepts real days only, leap years included', () => {
    expect(['2013-03-05', '2012-02-29', '2000-02-29', '2013-12-31'].map(isCalendarDate)).toEqual([true, true, true, true]);
    expect(['2013-02-29', '1900-02-29', '2013-04-31', '2013-13-01', '2013-00-10', '2013-01-00', '2013-1-5', '20130305', ''].map(isCalendarDate)).toEqual(
      Array(9).fill(false),
    );
  });
});
