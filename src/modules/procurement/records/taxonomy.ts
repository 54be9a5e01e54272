import type { Bilingual } from '../../../kernel/i18n.ts';

/** 계약방법: how a purchase was contracted. */
export const METHODS = {
  single_source: { ko: '수의계약', en: 'single-source contract' },
  open_tender: { ko: '일반경쟁', en: 'open tender' },
  restricted_tender: { ko: '제한경쟁', en: 'restricted tender' },
  designated_tender: { ko: '지명경쟁', en: 'designated tender' },
  other: { ko: '기타', en: 'other' },
} as const satisfies Record<string, Bilingual>;
export type Method = keyof typeof METHODS;

/** 계약유형: what was contracted. */
export const CONTRACT_TYPES = {
  goods: { ko: '물품', en: 'goods' },
  services: { ko: '용역', en: 'services' },
  works: { ko: '공사', en: 'works' },
  consignment: { ko: '민간위탁', en: 'consignment' },
  other: { ko: '기타', en: 'other' },
} as const satisfies Record<string, Bilingual>;
export type ContractType = keyof typeof CONTRACT_TYPES;

/** Directory types that count as social economy organisations (사회적경제기업) in the figures. */
export const SEO_TYPES: ReadonlySet<string> = new Set(['cooperative', 'social_enterprise', 'village_enterprise', 'self_sufficiency']);

/** Reads a method or contract type written as its key or its Korean (or English) label. */
export function labelReader<K extends string>(table: Record<K, Bilingual>, extra: Record<string, K> = {}): (raw: string) => K | undefined {
  const map = new Map<string, K>();
  const norm = (s: string) => s.toLowerCase().replace(/[\s_\-·.]+/g, '');
  for (const [key, label] of Object.entries(table) as [K, Bilingual][]) {
    map.set(norm(key), key);
    map.set(norm(label.ko), key);
    map.set(norm(label.en), key);
  }
  for (const [k, v] of Object.entries(extra)) map.set(norm(k), v);
  const seen = new Map<string, K | undefined>();
  return (raw) => {
    let v = seen.get(raw);
    if (v === undefined && !seen.has(raw)) {
      v = map.get(norm(raw));
      seen.set(raw, v);
    }
    return v;
  };
}

export const METHOD_EXTRA: Record<string, Method> = {
  수의: 'single_source',
  '1인수의': 'single_source',
  '2인이상견적수의': 'single_source',
  일반경쟁입찰: 'open_tender',
  제한경쟁입찰: 'restricted_tender',
  지명경쟁입찰: 'designated_tender',
};
export const CONTRACT_TYPE_EXTRA: Record<string, ContractType> = { 위탁: 'consignment', 용역계약: 'services', 물품구매: 'goods', 공사계약: 'works' };
