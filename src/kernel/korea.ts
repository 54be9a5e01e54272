/** Korean identifiers and formats shared by modules. */

/** 사업자등록번호: 10 digits whose last is a check digit. Accepts dashes; returns the digits or null. */
export function normalizeBusinessRegNo(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return null;
  // Digits read by their codes, without an array or a closure: an import checks one a row.
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += REG_NO_WEIGHTS[i]! * (digits.charCodeAt(i) - 48);
  sum += Math.floor(((digits.charCodeAt(8) - 48) * 5) / 10);
  return (10 - (sum % 10)) % 10 === digits.charCodeAt(9) - 48 ? digits : null;
}

const REG_NO_WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5];

/** Completes 9 digits into a valid 사업자등록번호 (for generators and tests). */
export function withBusinessRegCheckDigit(nine: string): string {
  for (let c = 0; c <= 9; c++) if (normalizeBusinessRegNo(nine + c)) return nine + c;
  throw new Error('unreachable');
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by `count` ASCII digits of `s` from `from`, or -1 if any is not a digit. */
function digitsAt(s: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * ISO calendar date 'YYYY-MM-DD' that exists (no 2013-02-30). Arithmetic on the characters' codes, not
 * Date nor a regular expression: it runs for every date of an import.
 */
export function isCalendarDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 /* - */ || s.charCodeAt(7) !== 45) return false;
  const y = digitsAt(s, 0, 4);
  const mo = digitsAt(s, 5, 2);
  const d = digitsAt(s, 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1]!);
}

/** Rough bounding box of the Republic of Korea, for refusing coordinates that cannot be ours. */
export const KOREA_BBOX = { minLat: 33, maxLat: 39, minLon: 124, maxLon: 132 } as const;
