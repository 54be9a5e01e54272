import { describe, expect, it } from 'vitest';
import { readAmount, readDate } from './importer.ts';
import { guessInstitutionKind, supplierNameKey } from './names.ts';

describe('supplier name key', () => {
  it('makes one supplier of the spellings a legal form gives a name', () => {
    const key = supplierNameKey('행복한밥상');
    for (const spelling of ['(주)행복한밥상', '㈜ 행복한 밥상', '주식회사 행복한밥상', '행복한밥상 주식회사', '행복한 밥상(주)', '（주）행복한밥상', '유한회사 행복한밥상']) {
      expect(supplierNameKey(spelling), spelling).toBe(key);
    }
    expect(supplierNameKey('사회적협동조합 함께걸음')).toBe(supplierNameKey('함께걸음 사회적협동조합'));
    expect(supplierNameKey('사단법인 나눔')).toBe('나눔');
  });

  it('keeps names apart that differ in more than their legal form, and keeps a name that is only a form', () => {
    expect(supplierNameKey('행복한밥상')).not.toBe(supplierNameKey('행복한밥상2'));
    // 협동조합 inside a name is part of it, not a legal form to drop.
    expect(supplierNameKey('서울돌봄협동조합')).toBe('서울돌봄협동조합');
    expect(supplierNameKey('주식회사')).toBe('주식회사');
  });
});

describe('import field readers', () => {
  it('reads dates in the three layouts portals export, and refuses dates that do not exist', () => {
    expect(readDate('2013-03-05')).toBe('2013-03-05');
    expect(readDate('2013.03.05')).toBe('2013-03-05');
    expect(readDate('20130305')).toBe('2013-03-05');
    expect(readDate('2013-02-30')).toBeNull();
    expect(readDate('2013/3/5')).toBeNull();
    expect(readDate('어제')).toBeNull();
  });

  it('reads won with or without thousands commas, never negative or fractional', () => {
    expect(readAmount('1,234,000')).toBe(1_234_000);
    expect(readAmount('0')).toBe(0);
    expect(readAmount('-5')).toBe(-1);
    expect(readAmount('12.5')).toBe(-1);
    expect(readAmount('')).toBe(-1);
  });

  it('guesses a new institution’s kind from its name', () => {
    expect(guessInstitutionKind('서울특별시 강남구')).toBe('district');
    expect(guessInstitutionKind('종로구청')).toBe('district');
    expect(guessInstitutionKind('서울특별시 재무국')).toBe('city');
    expect(guessInstitutionKind('서울시설공단')).toBe('agency');
    expect(guessInstitutionKind('서울의료원')).toBe('agency');
    expect(guessInstitutionKind('한국은행')).toBe('other');
  });
});
