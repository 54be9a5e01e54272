/**
 * Korean-aware search keys. Korean names are compounds written with or without spaces
 * (서울돌봄협동조합 / 서울 돌봄 협동조합), so matching is on the text with spaces and punctuation
 * removed, lower-cased. 초성 (initial consonants) are kept apart so that ㅅㅎㅈ finds 사회적….
 * Both are indexed by their distinct 2-character pieces ("bigrams"): unlike trigrams they serve the
 * common 2-syllable query and work whatever the server's locale (reference/performance-floor.md).
 * The index holds each bigram as a 32-bit number (`gramCode`), not as text: a GIN index of integers
 * takes an import's rows in about half the time of one of text compared under a locale (bench/directory).
 */
const NOISE = /[\s()[\]{}·.,\-_/'"“”‘’&+~!?:;|]+/g;

/**
 * Text made only of printable ASCII and precomposed Hangul syllables is already NFC (nothing in it can compose
 * or decompose): most names and addresses are, and skipping the normalisation pass matters when an
 * import normalises hundreds of thousands of them.
 */
const ALREADY_NFC = /^[\u0020-\u007e\uac00-\ud7a3]*$/;

export function nfc(text: string): string {
  return ALREADY_NFC.test(text) ? text : text.normalize('NFC');
}

export function normalizeForSearch(text: string): string {
  return nfc(text).toLowerCase().replace(NOISE, '');
}

const INITIALS_ONLY = /^[ㄱ-ㅎ]+$/;

/** True when the query is typed as 초성 only, e.g. "ㅅㅎㅈ". */
export function isInitialsQuery(normalized: string): boolean {
  return INITIALS_ONLY.test(normalized);
}

const CHOSEONG = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';

/**
 * 초성 of the Hangul syllables of a text, other characters dropped: what es-hangul's getChoseong gives
 * without its spaces (hangul.test.ts checks they agree), by arithmetic on the syllable block, since this
 * runs for every row of an import (bench/directory).
 */
export function initialsOf(text: string): string {
  const s = nfc(text);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xac00 && c <= 0xd7a3) out += CHOSEONG[((c - 0xac00) / 588) | 0];
    else if (c >= 0x1100 && c <= 0x1112) out += CHOSEONG[c - 0x1100];
    else if (c >= 0x3131 && c <= 0x314e) out += s[i];
  }
  return out;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Distinct 2-character pieces of each part. */
export function bigrams(...parts: string[]): string[] {
  const out = new Set<string>();
  for (const p of parts) {
    if (!SURROGATE.test(p)) {
      for (let i = 0; i + 1 < p.length; i++) out.add(p.slice(i, i + 2));
      continue;
    }
    const chars = [...p];
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  return [...out];
}

/**
 * A bigram as a signed 32-bit number: the low 16 bits of each character's code point, side by side.
 * Exact for the Basic Multilingual Plane (all of Hangul); rarer characters may share a code, which
 * only lets the LIKE that follows every index lookup check a few more rows. The SQL twin is
 * directory_gram_codes (migration 0007): the two must agree.
 */
export function gramCode(bigram: string): number {
  const a = bigram.codePointAt(0)!;
  const b = bigram.codePointAt(a > 0xffff ? 2 : 1)!;
  return ((a & 0xffff) << 16) | (b & 0xffff);
}

/** Distinct codes of the 2-character pieces of each part (what `bigrams` gives, as `gramCode`s). */
export function gramCodes(...parts: string[]): number[] {
  const out = new Set<number>();
  for (const p of parts) {
    if (SURROGATE.test(p)) {
      for (const g of bigrams(p)) out.add(gramCode(g));
      continue;
    }
    for (let i = 0; i + 1 < p.length; i++) out.add(((p.charCodeAt(i) & 0xffff) << 16) | p.charCodeAt(i + 1));
  }
  return [...out];
}

export interface SearchKeys {
  /** Normalised names joined by '|', which no query contains, so a match never spans two names. */
  text: string;
  initials: string;
  /** `gramCodes` of the normalised names and of their initials. */
  grams: number[];
}

export function searchKeys(...names: (string | null | undefined)[]): SearchKeys {
  const normalized: string[] = [];
  const initials: string[] = [];
  for (const n of names) if (n) addKeys(n, normalizeForSearch(n), normalized, initials);
  return { text: normalized.join('|'), initials: initials.join('|'), grams: gramCodes(...normalized, ...initials) };
}

/**
 * `searchKeys(name, nameEn)` for a bulk write (an import), given `normalizeForSearch(name)` already: the
 * pieces come as the PostgreSQL array literal of their codes ('{1,2,3}', in `gramCodes` order), written
 * without a set or an array of numbers for each of tens of thousands of rows.
 */
export function bulkSearchKeys(name: string, normalizedName: string, nameEn?: string | null): { text: string; initials: string; gramsLiteral: string } {
  const normalized: string[] = [];
  const initials: string[] = [];
  if (name) addKeys(name, normalizedName, normalized, initials);
  if (nameEn) addKeys(nameEn, normalizeForSearch(nameEn), normalized, initials);
  return { text: normalized.join('|'), initials: initials.join('|'), gramsLiteral: gramCodesLiteral(normalized, initials) };
}

/** Codes seen so far by gramCodesLiteral (reused: it runs once per row of an import). */
let seenCodes = new Int32Array(256);

/** Adds a code to the first `n` of seenCodes unless there; returns the new count. */
function addCode(code: number, n: number): number {
  for (let k = 0; k < n; k++) if (seenCodes[k] === code) return n;
  if (n === seenCodes.length) {
    const more = new Int32Array(n * 2);
    more.set(seenCodes);
    seenCodes = more;
  }
  seenCodes[n] = code;
  return n + 1;
}

/**
 * `gramCodes(...a, ...b)` as a PostgreSQL array literal. No closure in here: tsx's keepNames makes
 * each closure cost a defineProperty call, and this runs for every row of an import.
 */
function gramCodesLiteral(a: string[], b: string[]): string {
  let n = 0;
  for (let k = 0; k < a.length + b.length; k++) {
    const p = k < a.length ? a[k]! : b[k - a.length]!;
    if (SURROGATE.test(p)) {
      for (const g of bigrams(p)) n = addCode(gramCode(g), n);
      continue;
    }
    for (let i = 0; i + 1 < p.length; i++) n = addCode(((p.charCodeAt(i) & 0xffff) << 16) | p.charCodeAt(i + 1), n);
  }
  return `{${seenCodes.subarray(0, n).join(',')}}`;
}

function addKeys(name: string, normalized: string, normalizedOut: string[], initialsOut: string[]): void {
  if (normalized) normalizedOut.push(normalized);
  const i = initialsOf(name);
  if (i) initialsOut.push(i);
}
