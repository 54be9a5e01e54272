/**
 * Reading a purchase-records file as bytes: the file's UTF-8 is split into lines and fields by offsets
 * into the chunk, and the fields' values are looked up by their bytes (ByteMap), so that a row costs
 * no JavaScript strings at all once its values have been seen. Each distinct value is decoded and
 * checked once; bench/procurement showed strings (decode, split, hash of fresh strings) to be most of
 * an import's Node time.
 */
import { isUtf8 } from 'node:buffer';
import { Problem } from '../../../kernel/problem.ts';

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/**
 * A hash map keyed by a pair of byte ranges (the second may be empty), compared byte by byte: one
 * value per distinct field (or pair of fields) of a file, without making a string of it.
 */
export class ByteMap<V> {
  private mask: number;
  private hashes: Int32Array;
  private keys: (Buffer | undefined)[];
  private vals: (V | undefined)[];
  size = 0;

  constructor(capacity = 256) {
    let n = 16;
    while (n < capacity * 2) n *= 2;
    this.mask = n - 1;
    this.hashes = new Int32Array(n);
    this.keys = new Array(n).fill(undefined);
    this.vals = new Array(n).fill(undefined);
  }

  private static hash(b: Uint8Array, s1: number, e1: number, s2: number, e2: number): number {
    let h = FNV_OFFSET;
    for (let i = s1; i < e1; i++) h = Math.imul(h ^ b[i]!, FNV_PRIME);
    h = Math.imul(h ^ 0xff, FNV_PRIME); // the separator: ('ab', '') and ('a', 'b') differ
    for (let i = s2; i < e2; i++) h = Math.imul(h ^ b[i]!, FNV_PRIME);
    return h;
  }

  private static same(k: Buffer, b: Uint8Array, s1: number, e1: number, s2: number, e2: number): boolean {
    const l1 = e1 - s1;
    if (k.length !== l1 + 1 + e2 - s2 || k[l1] !== 0xff) return false;
    for (let i = 0; i < l1; i++) if (k[i] !== b[s1 + i]) return false;
    for (let i = 0, j = l1 + 1; i < e2 - s2; i++, j++) if (k[j] !== b[s2 + i]) return false;
    return true;
  }

  get(b: Uint8Array, s1: number, e1: number, s2 = 0, e2 = 0): V | undefined {
    const h = ByteMap.hash(b, s1, e1, s2, e2);
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const k = this.keys[slot];
      if (k === undefined) return undefined;
      if (this.hashes[slot] === h && ByteMap.same(k, b, s1, e1, s2, e2)) return this.vals[slot];
    }
  }

  set(b: Uint8Array, s1: number, e1: number, s2: number, e2: number, v: V): void {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const h = ByteMap.hash(b, s1, e1, s2, e2);
    let slot = h & this.mask;
    for (; ; slot = (slot + 1) & this.mask) {
      const k = this.keys[slot];
      if (k === undefined) break;
      if (this.hashes[slot] === h && ByteMap.same(k, b, s1, e1, s2, e2)) {
        this.vals[slot] = v;
        return;
      }
    }
    // 0xff never occurs in UTF-8, so it separates the two ranges in the stored key.
    const key = Buffer.allocUnsafe(e1 - s1 + 1 + e2 - s2);
    key.set(b.subarray(s1, e1), 0);
    key[e1 - s1] = 0xff;
    key.set(b.subarray(s2, e2), e1 - s1 + 1);
    this.keys[slot] = key;
    this.hashes[slot] = h;
    this.vals[slot] = v;
    this.size++;
  }

  private grow(): void {
    const { keys, vals, hashes } = this;
    const n = (this.mask + 1) * 2;
    this.mask = n - 1;
    this.hashes = new Int32Array(n);
    this.keys = new Array(n).fill(undefined);
    this.vals = new Array(n).fill(undefined);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k === undefined) continue;
      let slot = hashes[i]! & this.mask;
      while (this.keys[slot] !== undefined) slot = (slot + 1) & this.mask;
      this.keys[slot] = k;
      this.hashes[slot] = hashes[i]!;
      this.vals[slot] = vals[i];
    }
  }
}

/** A row's fields as offsets [starts[i], ends[i]) into b; n fields. */
export type ByteRowSink = (b: Buffer, starts: Int32Array, ends: Int32Array, n: number, line: number) => void;

/** Splits one CSV record that holds quotes into its fields (RFC 4180: "" is a quote inside a quoted field). */
export function splitQuoted(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    if (line.charCodeAt(i) === 34) {
      let v = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) {
          v += line.slice(j);
          j = n;
          break;
        }
        v += line.slice(j, q);
        if (line.charCodeAt(q + 1) === 34) {
          v += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      const comma = line.indexOf(',', j);
      // Text after the closing quote (malformed) is kept rather than lost.
      if (comma < 0) {
        out.push(v + line.slice(j));
        return out;
      }
      out.push(v + line.slice(j, comma));
      i = comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      if (comma < 0) {
        out.push(line.slice(i));
        return out;
      }
      out.push(line.slice(i, comma));
      i = comma + 1;
    }
  }
}

function countQuotes(s: string): number {
  let n = 0;
  for (let p = s.indexOf('"'); p >= 0; p = s.indexOf('"', p + 1)) n++;
  return n;
}

/** Fields given as strings (a quoted CSV record, an XLSX row) laid out as bytes for a ByteRowSink. */
export class StringRows {
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  constructor(private readonly sink: ByteRowSink) {}

  emit(fields: string[], line: number): void {
    if (fields.length > this.starts.length) {
      this.starts = new Int32Array(fields.length);
      this.ends = new Int32Array(fields.length);
    }
    const b = Buffer.from(fields.join(''));
    let o = 0;
    for (let i = 0; i < fields.length; i++) {
      this.starts[i] = o;
      o += Buffer.byteLength(fields[i]!);
      this.ends[i] = o;
    }
    this.sink(b, this.starts, this.ends, fields.length, line);
  }
}

/**
 * CSV bytes to rows, chunk by chunk. A line without a quote (nearly every line of a public portal's
 * export) is split on commas in place; a line with quotes is decoded and split by splitQuoted, joined
 * with the following lines while a quoted field is still open. Lines are counted from 1 (the header).
 */
export class CsvBytes {
  private carry: Buffer | undefined;
  private line = 0;
  private open: string | undefined;
  private openLine = 0;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private readonly strings: StringRows;
  constructor(private readonly sink: ByteRowSink) {
    this.strings = new StringRows(sink);
  }

  push(chunk: Buffer): void {
    const b = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    let start = 0;
    for (;;) {
      const nl = b.indexOf(10, start);
      if (nl < 0) break;
      this.take(b, start, nl > start && b[nl - 1] === 13 ? nl - 1 : nl);
      start = nl + 1;
    }
    this.carry = start < b.length ? b.subarray(start) : undefined;
  }

  end(): void {
    const c = this.carry;
    this.carry = undefined;
    if (c) this.take(c, 0, c[c.length - 1] === 13 ? c.length - 1 : c.length);
    if (this.open !== undefined) {
      const r = this.open;
      this.open = undefined;
      this.strings.emit(splitQuoted(r), this.openLine);
    }
  }

  private take(b: Buffer, s: number, e: number): void {
    this.line++;
    if (this.open !== undefined) {
      this.open += `\n${b.toString('utf8', s, e)}`;
      if (countQuotes(this.open) % 2 === 0) {
        const r = this.open;
        this.open = undefined;
        this.strings.emit(splitQuoted(r), this.openLine);
      }
      return;
    }
    if (s === e) return;
    let n = 0;
    let fs = s;
    let starts = this.starts;
    let ends = this.ends;
    for (let i = s; i < e; i++) {
      const c = b[i]!;
      if (c === 44) {
        if (n + 1 >= starts.length) {
          this.starts = new Int32Array(starts.length * 2);
          this.starts.set(starts);
          this.ends = new Int32Array(ends.length * 2);
          this.ends.set(ends);
          starts = this.starts;
          ends = this.ends;
        }
        starts[n] = fs;
        ends[n++] = i;
        fs = i + 1;
      } else if (c === 34) {
        const text = b.toString('utf8', s, e);
        if (countQuotes(text) % 2 === 1) {
          this.open = text;
          this.openLine = this.line;
        } else this.strings.emit(splitQuoted(text), this.line);
        return;
      }
    }
    starts[n] = fs;
    ends[n++] = e;
    this.sink(b, starts, ends, n, this.line);
  }
}

const notText = () =>
  new Problem('validation', { ko: '파일이 UTF-8도 EUC-KR도 아닌 글자를 담고 있습니다', en: 'The file holds text that is neither UTF-8 nor EUC-KR' }, [
    { path: 'file', messages: { ko: 'UTF-8 또는 EUC-KR(CP949) CSV 파일로 저장해 주세요', en: 'Save the file as CSV in UTF-8 or EUC-KR (CP949)' } },
  ]);

/** The length of b's longest prefix that does not end inside a UTF-8 character. */
function wholeCharacters(b: Buffer): number {
  let i = b.length - 1;
  let k = 0;
  while (i >= 0 && k < 3 && (b[i]! & 0xc0) === 0x80) {
    i--;
    k++;
  }
  if (i < 0) return b.length;
  const lead = b[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return b.length - i >= need ? b.length : i;
}

/**
 * The file's bytes as UTF-8: as they are when the start is valid UTF-8 (checked chunk by chunk, a
 * byte-order mark dropped), else decoded as EUC-KR / CP949 and encoded again. Refuses anything else.
 */
export async function* utf8Chunks(source: AsyncIterable<Buffer | Uint8Array | string>, counter: { bytes: number }): AsyncGenerator<Buffer> {
  let mode: 'utf8' | 'euc-kr' | undefined;
  let euc: TextDecoder | undefined;
  let pending: Buffer[] = [];
  let pendingSize = 0;
  let tail: Buffer | undefined;
  let first = true;
  const out = (buf: Buffer): Buffer | undefined => {
    if (mode === 'euc-kr') {
      const s = euc!.decode(buf, { stream: true });
      return s ? Buffer.from(s) : undefined;
    }
    let b = tail ? Buffer.concat([tail, buf]) : buf;
    if (first) {
      first = false;
      if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
    }
    const cut = wholeCharacters(b);
    tail = cut < b.length ? b.subarray(cut) : undefined;
    const whole = cut < b.length ? b.subarray(0, cut) : b;
    if (!isUtf8(whole)) throw notText();
    return whole.length ? whole : undefined;
  };
  const choose = (probe: Buffer) => {
    const cut = wholeCharacters(probe);
    mode = isUtf8(probe.subarray(0, cut)) ? 'utf8' : 'euc-kr';
    if (mode === 'euc-kr') euc = new TextDecoder('euc-kr');
  };
  for await (const chunk of source) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    counter.bytes += buf.length;
    if (!mode) {
      // Decide on the first 64 KiB: enough Korean text to tell the encodings apart.
      pending.push(buf);
      pendingSize += buf.length;
      if (pendingSize < 65536) continue;
      const all = Buffer.concat(pending);
      pending = [];
      choose(all);
      const o = out(all);
      if (o) yield o;
      continue;
    }
    const o = out(buf);
    if (o) yield o;
  }
  if (!mode) {
    const all = Buffer.concat(pending);
    choose(all);
    const o = out(all);
    if (o) yield o;
  }
  if (tail) throw notText();
  if (euc) {
    const s = euc.decode();
    if (s) yield Buffer.from(s);
  }
}
