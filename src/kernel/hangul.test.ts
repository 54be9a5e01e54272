import { describe, expect, it } from 'vitest';
import { bigrams, initialsOf, isInitialsQuery, normalizeForSearch, searchKeys } from './hangul.ts';

describe('Korean search keys', () => {
  it('ignores spacing, punctuation and case', () => {
    expect(normalizeForSearch('서울 돌봄 (사회적)협동조합')).toBe('서울돌봄사회적협동조합');
    expect(normalizeForSearch('Seoul Care Co-op')).toBe('seoulcarecoop');
  });

  it('takes the 초성 of Hangul and recognises 초성 queries', () => {
    expect(initialsOf('사회적 협동조합 ABC')).toBe('ㅅㅎㅈㅎㄷㅈㅎ');
    expect(isInitialsQuery('ㅅㅎㅈ')).toBe(true);
    expect(isInitialsQuery('사회ㅈ')).toBe(false);
  });

  it('indexes every 2-character piece of names and initials, so any fragment of 2+ characters is covered', () => {
    const keys = searchKeys('성수 마을 공방', 'Seongsu Workshop');
    expect(keys.text).toBe('성수마을공방|seongsuworkshop');
    expect(keys.initials).toBe('ㅅㅅㅁㅇㄱㅂ');
    for (const q of ['수마', '마을공', 'ㅁㅇ', 'ㅅㅁㅇ', 'wo']) {
      for (const g of bigrams(normalizeForSearch(q))) expect(keys.grams).toContain(g);
    }
  });
});
