import type { $ZodIssue } from 'zod/v4/core';
import { z } from 'zod';
import type { Bilingual, Locale } from './i18n.ts';

/**
 * RFC 9457 problem details. Every error that leaves the server is one of these, with a stable
 * `type` (a path under /problems/ that documents it), messages in Korean and English and, for
 * invalid input, the field paths (and rows, for imports) at fault.
 */
export interface FieldError {
  /** JSON path of the field, e.g. "email" or "rows.3.name". */
  path: string;
  /** Row number (1-based, header excluded) for tabular imports. */
  row?: number;
  messages: Bilingual;
}

export const PROBLEM_TYPES = {
  validation: { status: 400, title: { ko: '입력값이 올바르지 않습니다', en: 'The input is not valid' } },
  unauthenticated: { status: 401, title: { ko: '로그인이 필요합니다', en: 'You need to sign in' } },
  'invalid-credentials': { status: 401, title: { ko: '이메일 또는 비밀번호가 맞지 않습니다', en: 'E-mail or password is incorrect' } },
  'invalid-token': { status: 401, title: { ko: '토큰이 올바르지 않거나 만료되었습니다', en: 'The token is invalid or has expired' } },
  forbidden: { status: 403, title: { ko: '이 작업을 할 권한이 없습니다', en: 'You are not allowed to do this' } },
  'csrf-token-missing': { status: 403, title: { ko: '보안 토큰(CSRF)이 없거나 맞지 않습니다', en: 'The CSRF token is missing or does not match' } },
  'insufficient-scope': { status: 403, title: { ko: 'API 토큰의 권한 범위가 부족합니다', en: 'The API token lacks the required scope' } },
  'not-found': { status: 404, title: { ko: '찾을 수 없습니다', en: 'Not found' } },
  conflict: { status: 409, title: { ko: '현재 상태와 충돌합니다', en: 'This conflicts with the current state' } },
  'payload-too-large': { status: 413, title: { ko: '요청이 너무 큽니다', en: 'The request is too large' } },
  'unsupported-media-type': { status: 415, title: { ko: '지원하지 않는 형식입니다', en: 'Unsupported media type' } },
  'account-locked': { status: 423, title: { ko: '로그인 실패가 반복되어 계정이 잠시 잠겼습니다', en: 'The account is temporarily locked after repeated failed sign-ins' } },
  'rate-limited': { status: 429, title: { ko: '요청이 너무 많습니다. 잠시 후 다시 시도하세요', en: 'Too many requests; try again later' } },
  internal: { status: 500, title: { ko: '서버 오류가 발생했습니다', en: 'Something went wrong on the server' } },
  unavailable: { status: 503, title: { ko: '서비스를 사용할 수 없습니다', en: 'The service is unavailable' } },
} as const satisfies Record<string, { status: number; title: Bilingual }>;

export type ProblemType = keyof typeof PROBLEM_TYPES;

export class Problem extends Error {
  readonly status: number;
  readonly title: Bilingual;
  constructor(
    readonly type: ProblemType,
    readonly detail?: Bilingual,
    readonly errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail?.en ?? PROBLEM_TYPES[type].title.en);
    this.name = 'Problem';
    this.status = PROBLEM_TYPES[type].status;
    this.title = PROBLEM_TYPES[type].title;
  }

  toJSON(locale: Locale, instance?: string, requestId?: string): ProblemBody {
    return {
      type: `/problems/${this.type}`,
      title: this.title[locale],
      status: this.status,
      ...(this.detail ? { detail: this.detail[locale] } : {}),
      ...(instance ? { instance } : {}),
      messages: this.detail ?? this.title,
      ...(this.errors.length ? { errors: this.errors } : {}),
      ...(requestId ? { requestId } : {}),
    };
  }
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  messages: Bilingual;
  errors?: FieldError[];
  requestId?: string;
}

export const problemBodySchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    messages: z.object({ ko: z.string(), en: z.string() }),
    errors: z
      .array(z.object({ path: z.string(), row: z.number().int().optional(), messages: z.object({ ko: z.string(), en: z.string() }) }))
      .optional(),
    requestId: z.string().optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details with Korean and English messages' });

const koError = z.locales.ko().localeError;
const enError = z.locales.en().localeError;

const KO_TYPES: Record<string, string> = { number: '숫자', int: '정수', string: '글자', boolean: '예/아니오', array: '목록', object: '항목', date: '날짜' };

/** The particle (으)로 after a word: 목록으로, 숫자로 (a final ㄹ takes 로 too). */
function withRo(word: string): string {
  const code = word.charCodeAt(word.length - 1) - 0xac00;
  if (code < 0 || code > 11171) return '로';
  const final = code % 28;
  return final === 0 || final === 8 ? '로' : '으로';
}

/**
 * Plain Korean for the commonest checks, where zod's own Korean names the JavaScript type
 * ("number이 너무 작습니다", "예상 타입은 number"); anything else keeps zod's text.
 */
function koMessage(issue: $ZodIssue): string | undefined {
  const i = issue as $ZodIssue & { origin?: string; minimum?: number | bigint; maximum?: number | bigint; inclusive?: boolean; expected?: string; input?: unknown };
  if (i.code === 'too_small' && i.minimum !== undefined) {
    const min = Number(i.minimum);
    if (i.origin === 'string') return min <= 1 ? '값을 입력해 주세요' : `${min}자 이상 입력해 주세요`;
    if (i.origin === 'array' || i.origin === 'set') return `${min}개 이상이어야 합니다`;
    if (i.origin === 'number' || i.origin === 'int' || i.origin === 'bigint') return i.inclusive === false ? `${min}보다 커야 합니다` : `${min} 이상이어야 합니다`;
  }
  if (i.code === 'too_big' && i.maximum !== undefined) {
    const max = Number(i.maximum);
    if (i.origin === 'string') return `${max}자 이하로 입력해 주세요`;
    if (i.origin === 'array' || i.origin === 'set') return `${max}개 이하여야 합니다`;
    if (i.origin === 'number' || i.origin === 'int' || i.origin === 'bigint') return i.inclusive === false ? `${max}보다 작아야 합니다` : `${max} 이하여야 합니다`;
  }
  if (i.code === 'invalid_type' && i.expected) {
    // issues do not carry their input; the default (English) message says what was received
    if (i.input === undefined && /received undefined$/.test(issue.message)) return '꼭 적어야 하는 항목입니다';
    const what = KO_TYPES[i.expected];
    if (what) return `${what}${withRo(what)} 적어 주세요`;
  }
  return undefined;
}

/**
 * Turns zod issues into bilingual field errors. Custom refinements carry their Korean text in
 * `params.ko` and their English text as the message.
 */
export function fieldErrorsFromZod(issues: readonly $ZodIssue[], prefix: (string | number)[] = []): FieldError[] {
  return issues.map((issue) => {
    const path = [...prefix, ...issue.path].map(String).join('.') || '(root)';
    const params = (issue as { params?: { ko?: string } }).params;
    if (issue.code === 'custom' && params?.ko) {
      return { path, messages: { ko: params.ko, en: issue.message } };
    }
    const ko = koMessage(issue) ?? koError(issue as never);
    const en = enError(issue as never);
    return {
      path,
      messages: {
        ko: typeof ko === 'string' ? ko : (ko?.message ?? issue.message),
        en: typeof en === 'string' ? en : (en?.message ?? issue.message),
      },
    };
  });
}

export function validationProblem(errors: FieldError[], detail?: Bilingual): Problem {
  return new Problem('validation', detail, errors);
}

/** A single-field validation failure raised by a service rule. */
export function fieldProblem(path: string, ko: string, en: string): Problem {
  return new Problem('validation', undefined, [{ path, messages: { ko, en } }]);
}

export function notFound(ko: string, en: string): Problem {
  return new Problem('not-found', { ko, en });
}

export function forbidden(detail?: Bilingual): Problem {
  return new Problem('forbidden', detail);
}

export function conflict(ko: string, en: string): Problem {
  return new Problem('conflict', { ko, en });
}
