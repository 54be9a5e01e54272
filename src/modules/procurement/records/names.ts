import { nfc, normalizeForSearch } from '../../../kernel/hangul.ts';

/** Legal forms written in brackets or as a symbol: (주), （주）, ㈜, (유), (사), (재), (합), (협). */
const BRACKETED_FORM = /[(（]\s*(?:주|유|사|재|합|협|사단|재단)\s*[)）]|[㈜㈲㈳㈴]/g;

/**
 * Legal-form words a supplier's name carries or drops from one file to the next, compared after
 * normalisation (spaces and punctuation gone): stripped from the start and the end of the name only.
 * Longer forms come first so that 유한책임회사 is not left as 책임회사.
 */
const LEGAL_FORMS = [
  '농업회사법인주식회사',
  '사회적협동조합',
  '유한책임회사',
  '농업회사법인',
  '영농조합법인',
  '어업회사법인',
  '주식회사',
  '유한회사',
  '합자회사',
  '합명회사',
  '사단법인',
  '재단법인',
  '사회복지법인',
  '협동조합연합회',
].map(normalizeForSearch);

/**
 * The key suppliers are matched by when a file gives no registration number: the name normalised
 * (spaces, punctuation and case ignored) without its legal form, so that "(주)행복한밥상",
 * "주식회사 행복한 밥상" and "행복한밥상 주식회사" are one supplier. A name that is only a legal form
 * keeps it.
 */
export function supplierNameKey(name: string): string {
  const full = normalizeForSearch(name);
  let k = normalizeForSearch(nfc(name).replace(BRACKETED_FORM, ' '));
  for (let changed = true; changed; ) {
    changed = false;
    for (const form of LEGAL_FORMS) {
      if (k.length > form.length && k.startsWith(form)) {
        k = k.slice(form.length);
        changed = true;
      }
      if (k.length > form.length && k.endsWith(form)) {
        k = k.slice(0, -form.length);
        changed = true;
      }
    }
  }
  return k || full;
}

export type InstitutionKind = 'city' | 'district' | 'agency' | 'office' | 'other';

/**
 * A first guess at a new institution's kind from its name (staff correct it later): a 구 or 구청 is a
 * district office, 서울특별시 and its 실·국 are the city, 공사·공단·재단·…원 are agencies.
 */
export function guessInstitutionKind(name: string): InstitutionKind {
  const n = nfc(name).trim().replace(/\s+/g, ' ');
  if (/(?:구청|[가-힣]구)$/.test(n)) return 'district';
  if (/^서울(?:특별)?시(?:$|\s|청|본청)/.test(n)) return 'city';
  if (/(?:공사|공단|재단|[가-힣]원)$/.test(n)) return 'agency';
  return 'other';
}

/** The key institutions are matched by: the name normalised like every other search key. */
export const institutionNameKey = (name: string): string => normalizeForSearch(name);
