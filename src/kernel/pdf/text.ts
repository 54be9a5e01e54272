/**
 * Korean text for PDFs written with pdfkit (the annual report, the procurement catalogue): word-level
 * line breaking and stand-ins for characters the embedded Pretendard GOV subset lacks.
 */

/** Symbols the embedded subset lacks, drawn with the nearest it has. */
export const SUBSTITUTES: Record<string, string> = { '☞': '→', '▶': '→', '▷': '→', '◆': '■', '◇': '□', '◉': '●', '▣': '■', '【': '[', '】': ']', '－': '-', '㎡': 'm²', '‧': '·', '\u00a0': ' ' };

/**
 * Korean line breaking as in printed reports (word-break: keep-all): lines break at spaces, so a
 * word (an eojeol such as "사회적경제지원센터의") stays whole; a word wider than the whole line breaks
 * after punctuation inside it ('/', ',', '·', ')' …) when that keeps at least half the line, and
 * only otherwise between characters. `charWidth` measures one character.
 */
export function wrapKeepAll(text: string, width: number, charWidth: (ch: string) => number): string[] {
  const measure = (s: string) => {
    let w = 0;
    for (const ch of s) w += charWidth(ch);
    return w;
  };
  const cut = (word: string): number => {
    let w = 0;
    let fit = 0;
    let punct = 0;
    for (const ch of word) {
      w += charWidth(ch);
      if (w > width) break;
      fit += ch.length;
      if ('/,·)-_.:;]>'.includes(ch)) punct = fit;
    }
    const at = punct >= fit / 2 && punct > 0 ? punct : fit;
    return Math.max(at, word.codePointAt(0)! > 0xffff ? 2 : 1);
  };
  const lines: string[] = [];
  const space = charWidth(' ');
  for (const para of text.split('\n')) {
    const words = para.split(/\s+/).filter(Boolean);
    let line = '';
    let lineW = 0;
    for (let word of words) {
      let w = measure(word);
      if (line && lineW + space + w <= width) {
        line += ` ${word}`;
        lineW += space + w;
        continue;
      }
      if (line) lines.push(line);
      while (w > width && word.length > 1) {
        const at = cut(word);
        lines.push(word.slice(0, at));
        word = word.slice(at);
        w = measure(word);
      }
      line = word;
      lineW = w;
    }
    lines.push(line);
  }
  return lines;
}

const LEADS = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const VOWELS = 'ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ';
const TAILS = ['', ...'ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ'];

/**
 * A Hangul syllable the embedded subset lacks (it has the 2,350 of KS X 1001 and a few hundred
 * more) is spelled out in compatibility jamo — 곸 → ㄱㅗㅋ — so it stays readable and searchable
 * rather than printing as an empty box.
 */
export function jamoOf(cp: number): string {
  const i = cp - 0xac00;
  return `${LEADS[Math.floor(i / 588)]}${VOWELS[Math.floor((i % 588) / 28)]}${TAILS[i % 28]}`;
}
