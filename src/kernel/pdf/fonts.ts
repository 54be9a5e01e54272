/**
 * The PDF's Korean font: Pretendard GOV (SIL OFL 1.1, fonts/OFL.txt), the KS X 1001 subset the
 * KRDS design system ships (every Hangul syllable of the 2013 report is in it), kept in the repo
 * as WOFF (340 KB a weight).
 *
 * fontkit reads WOFF but inflates a table again each time it reads from it, which made a report
 * take seconds; so the WOFF is unpacked once here, with node's zlib, into the plain TrueType file
 * it wraps (WOFF 1.0: the same tables, each zlib-compressed), and pdfkit embeds a subset of that.
 */
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

const FILES = { regular: 'PretendardGOV-Regular.subset.woff', bold: 'PretendardGOV-Bold.subset.woff' } as const;

/** WOFF 1.0 → the sfnt (TrueType/OpenType) it contains, without the tables named in `drop`. */
export function woffToSfnt(woff: Buffer, drop: readonly string[] = []): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF file');
  const flavor = woff.readUInt32BE(4);
  const count = woff.readUInt16BE(12);
  const tables: { tag: number; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    const e = 44 + i * 20;
    const tag = woff.readUInt32BE(e);
    if (drop.includes(woff.subarray(e, e + 4).toString('latin1'))) continue;
    const offset = woff.readUInt32BE(e + 4);
    const compLength = woff.readUInt32BE(e + 8);
    const origLength = woff.readUInt32BE(e + 12);
    const checksum = woff.readUInt32BE(e + 16);
    const raw = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? inflateSync(raw) : Buffer.from(raw);
    if (data.length !== origLength) throw new Error('WOFF table length mismatch');
    tables.push({ tag, checksum, data });
  }
  tables.sort((a, b) => a.tag - b.tag);
  const numTables = tables.length;
  let entrySelector = 0;
  while (2 ** (entrySelector + 1) <= numTables) entrySelector++;
  const searchRange = 2 ** entrySelector * 16;
  const headerSize = 12 + numTables * 16;
  const size = headerSize + tables.reduce((a, t) => a + ((t.data.length + 3) & ~3), 0);
  const out = Buffer.alloc(size);
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * 16 - searchRange, 10);
  let offset = headerSize;
  tables.forEach((t, i) => {
    const e = 12 + i * 16;
    out.writeUInt32BE(t.tag, e);
    out.writeUInt32BE(t.checksum, e + 4);
    out.writeUInt32BE(offset, e + 8);
    out.writeUInt32BE(t.data.length, e + 12);
    t.data.copy(out, offset);
    offset += (t.data.length + 3) & ~3;
  });
  return out;
}

/**
 * Glyph substitution and positioning tables are left out: Hangul syllables are precomposed and
 * the report needs no ligatures, and fontkit's shaping through them (run on every string pdfkit
 * draws) took most of the PDF's time. Latin pairs lose their kerning, which a report can spare.
 */
const DROPPED_TABLES = ['GSUB', 'GPOS', 'GDEF', 'DSIG'] as const;

let cache: { regular: Buffer; bold: Buffer } | null = null;

/** The regular and bold faces as TrueType, read and unpacked once per process. */
export function reportFonts(): { regular: Buffer; bold: Buffer } {
  cache ??= {
    regular: woffToSfnt(readFileSync(new URL(`./fonts/${FILES.regular}`, import.meta.url)), DROPPED_TABLES),
    bold: woffToSfnt(readFileSync(new URL(`./fonts/${FILES.bold}`, import.meta.url)), DROPPED_TABLES),
  };
  return cache;
}
