import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import * as common from './common.ts';
import * as publicPages from './public.ts';
import * as mapPage from './map.ts';
import * as member from './member.ts';
import * as staff from './staff.ts';
import * as programs from './programs.ts';
import * as insights from './insights.ts';
import * as spaces from './spaces.ts';
import * as sharing from './sharing.ts';
import * as procurement from './procurement.ts';
import * as orders from './orders.ts';
import * as catalogue from './catalogue.ts';

/**
 * Every string of the interface, in Korean and English. Each area keeps its own catalogue file
 * (common, public, map, member, staff, programs, insights); an English catalogue must have every Korean key (typed).
 */
const catalogues = {
  ko: { ...common.ko, ...publicPages.ko, ...mapPage.ko, ...member.ko, ...staff.ko, ...programs.ko, ...insights.ko, ...spaces.ko, ...sharing.ko, ...procurement.ko, ...orders.ko, ...catalogue.ko },
  en: { ...common.en, ...publicPages.en, ...mapPage.en, ...member.en, ...staff.en, ...programs.en, ...insights.en, ...spaces.en, ...sharing.en, ...procurement.en, ...orders.en, ...catalogue.en },
};

export type Lang = 'ko' | 'en';
export type MessageKey = keyof typeof catalogues.ko;
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;
export interface Bilingual {
  ko: string;
  en: string;
}

const STORAGE_KEY = 'sehub.lang';

function initialLang(): Lang {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (fromUrl === 'ko' || fromUrl === 'en') {
    localStorage.setItem(STORAGE_KEY, fromUrl);
    return fromUrl;
  }
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ko';
}

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: Translate;
  /** The label of a bilingual value (taxonomy terms, API messages) in the current language. */
  l(value: Bilingual | null | undefined): string;
  /** Numbers and dates written the local way. */
  n(value: number): string;
  d(iso: string, withTime?: boolean): string;
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const cat = catalogues[lang];
    const numbers = new Intl.NumberFormat(lang === 'ko' ? 'ko-KR' : 'en-GB');
    const dates = new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-GB', { dateStyle: 'medium', timeZone: 'Asia/Seoul' });
    const dateTimes = new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Seoul' });
    return {
      lang,
      setLang,
      t: (key, vars) => {
        let s: string = cat[key] ?? key;
        if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, typeof v === 'number' ? numbers.format(v) : v);
        return s;
      },
      l: (v) => (v ? v[lang] || v.ko : ''),
      n: (v) => numbers.format(v),
      d: (iso, withTime) => {
        // A bare calendar date is a date in Seoul, not a UTC midnight.
        const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00+09:00`) : new Date(iso);
        return (withTime ? dateTimes : dates).format(date);
      },
    };
  }, [lang, setLang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/** Sets the document title: "<page> · 사회적경제 허브". */
export function useTitle(title: string | undefined): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = title ? `${title} · ${t('app.name')}` : t('app.name');
  }, [title, t]);
}
