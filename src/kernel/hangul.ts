/**
 * Korean-aware search keys. Korean names are compounds written with or without spaces
 * (서울돌봄협동조합 / 서울 돌봄 협동조합), so matching is on the text with spaces and punctuation
 * removed, lower-cased. 초성 (initial consonants) are kept apart so that ㅅㅎㅈ finds 사회적….
 * Both are indexed by their distinct 2-character pieces ("bigrams"): unlike trigrams they serve the
 * common 2-syllable query and work whatever the server's locale (reference/performance-floor.md).
 */
const NOISE = /[\s()[\]{}·.,\-_/'"“”‘’&+~!?:;|]+/g;

export function normalizeForSearch(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(NOISE, '');
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
  const s = text.normalize('NFC');
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

export interface SearchKeys {
  /** Normalised names joined by '|', which no query contains, so a match never spans two names. */
  text: string;
  initials: string;
  grams: string[];
}

export function searchKeys(...names: (string | null | undefined)[]): SearchKeys {
  const normalized = names.filter((n): n is string => Boolean(n)).map(normalizeForSearch).filter(Boolean);
  const initials = names.filter((n): n is string => Boolean(n)).map(initialsOf).filter(Boolean);
  return { text: normalized.join('|'), initials: initials.join('|'), grams: bigrams(...normalized, ...initials) };
}
