import { getChoseong } from 'es-hangul';
import { describe, expect, it } from 'vitest';
import { bigrams, bulkSearchKeys, gramCode, gramCodes, initialsOf, isInitialsQuery, normalizeForSearch, searchKeys } from './hangul.ts';

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
      for (const g of bigrams(normalizeForSearch(q))) expect(keys.grams).toContain(gramCode(g));
    }
  });

  it('takes 초성 exactly as es-hangul does, whatever the text', () => {
    const samples = ['', '가', '힣', '각 낚 닭', 'ㄱㄴㄷ', 'ㄳㅄ', '\u1100\u1161', '\u1112\u1175\u11ab', 'ABC 123', '😀사회🎉적', '（주）한글', '마을·기업', 'ㅏㅓ'];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pool = [0xac00, 0xd7a3, 0x1100, 0x1161, 0x11a8, 0x3131, 0x314e, 0x314f, 0x41, 0x20, 0x3000];
    for (let n = 0; n < 500; n++) {
      let s = '';
      for (let k = 0; k < 8; k++) s += String.fromCharCode(random() < 0.6 ? 0xac00 + Math.floor(random() * 11172) : pool[Math.floor(random() * pool.length)]! + Math.floor(random() * 3));
      samples.push(s);
    }
    for (const s of samples) expect(initialsOf(s), JSON.stringify(s)).toBe(getChoseong(s.normalize('NFC')).replace(/\s+/g, ''));
  });

  it('cuts 2-character pieces by characters, not UTF-16 units', () => {
    expect(bigrams('사회적')).toEqual(['사회', '회적']);
    expect(bigrams('a😀b')).toEqual(['a😀', '😀b']);
    expect(bigrams('가', 'ab', 'ab')).toEqual(['ab']);
  });

  it('numbers each piece by its two characters, the same whichever way it is computed', () => {
    expect(gramCode('사회')).toBe((0xc0ac << 16) | 0xd68c);
    expect(gramCode('ab')).toBe((0x61 << 16) | 0x62);
    expect(gramCodes('사회적', 'ab')).toEqual([gramCode('사회'), gramCode('회적'), gramCode('ab')]);
    expect(gramCodes('a😀b')).toEqual([gramCode('a😀'), gramCode('😀b')]);
    // Distinct pieces get distinct codes within Hangul and ASCII.
    const pieces = bigrams('서울특별시마포구성미산마을협동조합ㅅㅎㅈㅎㄷㅈㅎseoulcarecoop');
    expect(new Set(pieces.map(gramCode)).size).toBe(pieces.length);
  });
});

describe('search keys for bulk writes', () => {
  it('are the search keys, with the pieces as the array literal of their codes', () => {
    const names: [string, string | null][] = [
      ['성수 마을 공방', 'Seongsu Workshop'],
      ['사회적 협동조합 사회적', null],
      ['()', 'Only English'],
      ['😀사회🎉적 𠀀𠀀', 'a😀b'],
      ['가'.repeat(150) + '나'.repeat(150), 'x'.repeat(200)], // more pieces than the first buffer holds
      ['', null],
    ];
    for (const [name, nameEn] of names) {
      const keys = searchKeys(name, nameEn);
      expect(bulkSearchKeys(name, normalizeForSearch(name), nameEn), name).toEqual({ text: keys.text, initials: keys.initials, gramsLiteral: `{${keys.grams.join(',')}}` });
    }
  });
});

describe('NFC shortcut', () => {
  it('normalises exactly as String.prototype.normalize does, for composed, decomposed and mixed text', async () => {
    const { nfc } = await import('./hangul.ts');
    const samples = ['서울 돌봄 협동조합', 'Seoul Care Co-op 123', '\u1100\u1161\u11a8 마을', '가\u11a8', 'Cafe\u0301', '（주）한글', '😀사회적', 'ㄱㄴㄷ', ''];
    for (const s of samples) expect(nfc(s), JSON.stringify(s)).toBe(s.normalize('NFC'));
    expect(normalizeForSearch('가\u11a8 마을')).toBe('각마을');
  });
});
