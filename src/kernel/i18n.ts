/** A message in both languages sehub speaks. Korean first. */
export interface Bilingual {
  ko: string;
  en: string;
}

export type Locale = 'ko' | 'en';
export const LOCALES: readonly Locale[] = ['ko', 'en'];

export function bi(ko: string, en: string): Bilingual {
  return { ko, en };
}

/** Picks the locale from an Accept-Language header; Korean when nothing matches. */
export function negotiateLocale(acceptLanguage: string | undefined, fallback: Locale = 'ko'): Locale {
  if (!acceptLanguage) return fallback;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (base === 'ko' || base === 'en') return base;
  }
  return fallback;
}
