/** Korean identifiers and formats shared by modules. */

/** 사업자등록번호: 10 digits whose last is a check digit. Accepts dashes; returns the digits or null. */
export function normalizeBusinessRegNo(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return null;
  const d = [...digits].map(Number);
  const w = [1, 3, 7, 1, 3, 7, 1, 3, 5];
  let sum = w.reduce((acc, wi, i) => acc + wi * d[i]!, 0);
  sum += Math.floor((d[8]! * 5) / 10);
  return (10 - (sum % 10)) % 10 === d[9] ? digits : null;
}

/** Completes 9 digits into a valid 사업자등록번호 (for generators and tests). */
export function withBusinessRegCheckDigit(nine: string): string {
  for (let c = 0; c <= 9; c++) if (normalizeBusinessRegNo(nine + c)) return nine + c;
  throw new Error('unreachable');
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** ISO calendar date 'YYYY-MM-DD' that exists (no 2013-02-30). Arithmetic, not Date: it runs once per imported date. */
export function isCalendarDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1]!);
}

/** Rough bounding box of the Republic of Korea, for refusing coordinates that cannot be ours. */
export const KOREA_BBOX = { minLat: 33, maxLat: 39, minLon: 124, maxLon: 132 } as const;
