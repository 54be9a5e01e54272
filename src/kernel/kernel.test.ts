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
