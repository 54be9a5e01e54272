// Names the analytics tables show, and the 2013 report's printed figures they are compared with.

export interface Bilingual {
  ko: string;
  en: string;
}

/** Directory types counted as social economy organisations (records.seo). */
export const SEO_TYPES = ['cooperative', 'social_enterprise', 'village_enterprise', 'self_sufficiency'] as const;
/** The same list as an SQL literal (constants only, never user input). */
export const SEO_SQL = `(${SEO_TYPES.map((t) => `'${t}'`).join(', ')})`;

/** supplier_type as stored: a directory type_key, or '' for a supplier that matched no organisation. */
export const SUPPLIER_TYPE_LABELS: Record<string, Bilingual> = {
  cooperative: { ko: '협동조합', en: 'cooperative' },
  social_enterprise: { ko: '사회적기업', en: 'social enterprise' },
  village_enterprise: { ko: '마을기업', en: 'village enterprise' },
  self_sufficiency: { ko: '자활기업', en: 'self-sufficiency enterprise' },
  intermediary: { ko: '중간지원조직', en: 'intermediary support organisation' },
  council: { ko: '협의회', en: 'council / network' },
  '': { ko: '일반 기업 (디렉터리 미등록)', en: 'other businesses (not in the directory)' },
};
export const supplierTypeLabel = (type: string): Bilingual => SUPPLIER_TYPE_LABELS[type] ?? { ko: type, en: type };

export const METHODS = ['single_source', 'open_tender', 'restricted_tender', 'designated_tender', 'other'] as const;
export const METHOD_LABELS: Record<string, Bilingual> = {
  single_source: { ko: '수의계약', en: 'single-source' },
  open_tender: { ko: '일반경쟁', en: 'open tender' },
  restricted_tender: { ko: '제한경쟁', en: 'restricted tender' },
  designated_tender: { ko: '지명경쟁', en: 'designated tender' },
  other: { ko: '기타', en: 'other' },
};
export const CONTRACT_TYPES = ['goods', 'services', 'works', 'consignment', 'other'] as const;
export const CONTRACT_TYPE_LABELS: Record<string, Bilingual> = {
  goods: { ko: '물품', en: 'goods' },
  services: { ko: '용역', en: 'services' },
  works: { ko: '공사', en: 'works' },
  consignment: { ko: '민간위탁', en: 'private consignment' },
  other: { ko: '기타', en: 'other' },
};
export const label = (labels: Record<string, Bilingual>, key: string): Bilingual => labels[key] ?? { ko: key, en: key };

/** A purchase whose item matched no known item (item_code NULL; '' in the aggregates). */
export const OTHER_ITEM_LABEL: Bilingual = { ko: '기타 (품목 미분류)', en: 'other (item not recognised)' };

export const privateRowName = (n: number): Bilingual => ({ ko: `비공개 기관 ${n}곳`, en: n === 1 ? '1 private institution' : `${n} private institutions` });

/**
 * 서울시 재무국 10대 중점관리 품목 구매실적 (2013), as printed in the Seoul Social Economy Support
 * Center's 2013 report (서울특별시 사회적경제지원센터 2013 성과보고서, lines 1720-1731; structured in
 * sehub's shared data seed2013/taxonomies.json, priority_procurement_items). 구매실적 = purchases from
 * social economy organisations (백만원, here in won); 총액대비비율 = that ÷ all of Seoul's purchases of
 * the item, in percent. Copied digit for digit, the report's inconsistencies included.
 */
export const PRINTED_2013 = {
  year: 2013,
  items: [
    { order: 1, itemCode: 'copy_paper', seoAmount: 3_106_000_000, share: 49 },
    { order: 2, itemCode: 'office_supplies', seoAmount: 2_739_000_000, share: 25 },
    { order: 3, itemCode: 'toilet_tissue', seoAmount: 1_383_000_000, share: 39 },
    { order: 4, itemCode: 'detergent', seoAmount: 71_000_000, share: 10 },
    { order: 5, itemCode: 'food', seoAmount: 2_872_000_000, share: 27 },
    { order: 6, itemCode: 'printing', seoAmount: 5_369_000_000, share: 13 },
    { order: 7, itemCode: 'care', seoAmount: 2_114_000_000, share: 24 },
    { order: 8, itemCode: 'interior', seoAmount: 5_155_000_000, share: 0.1 },
    { order: 9, itemCode: 'events', seoAmount: 3_221_000_000, share: 9 },
    { order: 10, itemCode: 'cleaning', seoAmount: 3_740_000_000, share: 10 },
  ],
  /** 합계: printed 29,768 백만원 and 21 %; the items add to 29,770 (anomaly T02). */
  total: { seoAmount: 29_768_000_000, share: 21, sumOfItems: 29_770_000_000 },
  /** "10대 중점관리 품목 총 구매액 : 297억 (사회적경제기업 총 구매액 대비 : 54%)" (seed:1724); 580억 against 500억 (seed:1715). */
  headline: { seoAmountOfItems: 29_700_000_000, shareOfAllSeo: 54, seoAmountAll: 58_000_000_000, target: 50_000_000_000 },
  anomalies: [
    {
      id: 'T02',
      itemCode: null,
      text: {
        ko: '품목별 구매실적의 합은 29,770백만원인데 합계는 29,768백만원으로 인쇄되어 있습니다 (차이 2백만원).',
        en: 'The items add to 29,770 million won; the printed total is 29,768 million won (a difference of 2 million).',
      },
      source: 'seed:1726',
    },
    {
      id: 'T03',
      itemCode: 'interior',
      text: {
        ko: '실내건축의 비율 0.1%는 사회적경제기업 구매 5,155백만원에 대해 서울시 실내건축 총구매가 약 5조 원이라는 뜻이 됩니다. 오기로 보이나 인쇄된 대로 둡니다.',
        en: 'The 0.1 % printed for interior construction implies about 5.2 trillion won of all interior purchases for 5,155 million won from SEOs; probably a misprint, kept as printed.',
      },
      source: 'seed:1726-1727',
    },
    {
      id: 'T04',
      itemCode: null,
      text: {
        ko: '2013년 사회적경제기업 총구매액이 세 가지로 나옵니다: 507억(1582행), 목표 500억 대비 580억(1715행), 297억 = 54%(1724행, 약 550억을 뜻함).',
        en: "Seoul's 2013 purchases from SEOs are given three ways: 50.7 bn won (line 1582), 58 bn against a 50 bn target (line 1715), and 29.7 bn = 54 % (line 1724, implying about 55 bn).",
      },
      source: 'seed:1582,1715,1724',
    },
  ],
  source: '서울특별시 사회적경제지원센터 2013 성과보고서, 서울시 재무국 10대 중점관리 품목 구매실적 (seed:1720-1731)',
} as const;
