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

/** A ByteMap slot's fields, in one Int32Array: a probe reads one cache line (bench/procurement). */
const HASH = 0;
/** Where the key starts in the arena, + 1; 0 marks an empty slot. */
const OFF = 1;
/** The length of the first range, and of the whole key (first + second). */
const LEN1 = 2;
const LEN = 3;
/** The key's number, in order of insertion (0, 1, …). */
const INDEX = 4;
/** The length of the bytes kept after the key (a payload; 0 when none). */
const PLEN = 5;
const STRIDE = 6;

/**
 * A hash map keyed by a pair of byte ranges (the second may be empty), compared byte by byte: one
 * value per distinct field (or pair of fields) of a file, without making a string of it. The keys'
 * bytes live end to end in one arena, each followed by the payload it was added with (for the
 * importer, the key's part of a COPY row), and a slot's hash, offset, lengths and number sit side by
 * side in one typed array: a lookup among tens of thousands of suppliers touches one slot and the
 * arena, where an object or a Buffer per key cost a cache miss each (bench/procurement).
 * get/set keep a JavaScript value per key; find/add number the keys for callers that keep their own
 * typed arrays by number.
 */
export class ByteMap<V> {
  private mask: number;
  private slots: Int32Array;
  private vals: (V | undefined)[] = [];
  /** The keys and payloads; read a payload with payloadStart/payloadEnd of a slot that find answered. */
  arena: Buffer;
  /** A DataView over the arena (its indexes are the arena's). */
  arenaView: DataView;
  private arenaUsed = 0;
  size = 0;

  constructor(capacity = 256) {
    let n = 16;
    while (n < capacity * 2) n *= 2;
    this.mask = n - 1;
    this.slots = new Int32Array(n * STRIDE);
    this.arena = Buffer.allocUnsafeSlow(Math.max(1024, capacity * 64));
    this.arenaView = new DataView(this.arena.buffer, 0, this.arena.length);
  }

  private static hash(b: Uint8Array, s1: number, e1: number, s2: number, e2: number): number {
    let h = FNV_OFFSET;
    for (let i = s1; i < e1; i++) h = Math.imul(h ^ b[i]!, FNV_PRIME);
    h = Math.imul(h ^ 0xff, FNV_PRIME); // the separator: ('ab', '') and ('a', 'b') differ
    for (let i = s2; i < e2; i++) h = Math.imul(h ^ b[i]!, FNV_PRIME);
    return h;
  }

  /** The slot (× STRIDE) holding the key, or the empty one where it would go (slots[at + OFF] === 0). */
  private probe(h: number, b: Uint8Array, s1: number, e1: number, s2: number, e2: number): number {
    const l1 = e1 - s1;
    const len = l1 + e2 - s2;
    const { slots, arena, mask } = this;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const at = slot * STRIDE;
      const o1 = slots[at + OFF]!;
      if (o1 === 0) return at;
      if (slots[at + HASH] !== h || slots[at + LEN] !== len || slots[at + LEN1] !== l1) continue;
      const o = o1 - 1;
      let i = 0;
      while (i < l1 && arena[o + i] === b[s1 + i]) i++;
      if (i < l1) continue;
      let j = 0;
      while (j < len - l1 && arena[o + l1 + j] === b[s2 + j]) j++;
      if (j === len - l1) return at;
    }
  }

  /** The key's slot, for index/payloadStart/payloadEnd; -1 when the key is not there. */
  find(b: Uint8Array, s1: number, e1: number, s2 = 0, e2 = 0): number {
    const at = this.probe(ByteMap.hash(b, s1, e1, s2, e2), b, s1, e1, s2, e2);
    return this.slots[at + OFF] === 0 ? -1 : at;
  }

  /** The number of the key in a slot find answered. */
  index(slot: number): number {
    return this.slots[slot + INDEX]!;
  }

  /** Where the payload of a slot find answered starts in the arena, and ends. */
  payloadStart(slot: number): number {
    return this.slots[slot + OFF]! - 1 + this.slots[slot + LEN]!;
  }

  payloadEnd(slot: number): number {
    return this.slots[slot + OFF]! - 1 + this.slots[slot + LEN]! + this.slots[slot + PLEN]!;
  }

  /** Adds a key that is not there yet, with the bytes to keep after it; answers its number. */
  add(b: Uint8Array, s1: number, e1: number, s2: number, e2: number, payload?: Uint8Array): number {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const h = ByteMap.hash(b, s1, e1, s2, e2);
    const at = this.probe(h, b, s1, e1, s2, e2);
    if (this.slots[at + OFF] !== 0) throw new Error('ByteMap.add: the key is there already');
    const l1 = e1 - s1;
    const len = l1 + e2 - s2;
    const plen = payload ? payload.length : 0;
    if (this.arenaUsed + len + plen > this.arena.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.arena.length * 2, this.arenaUsed + len + plen));
      this.arena.copy(bigger, 0, 0, this.arenaUsed);
      this.arena = bigger;
      this.arenaView = new DataView(bigger.buffer, 0, bigger.length);
    }
    const o = this.arenaUsed;
    this.arena.set(b.subarray(s1, e1), o);
    this.arena.set(b.subarray(s2, e2), o + l1);
    if (payload) this.arena.set(payload, o + len);
    this.arenaUsed += len + plen;
    const s = this.slots;
    s[at + HASH] = h;
    s[at + OFF] = o + 1;
    s[at + LEN1] = l1;
    s[at + LEN] = len;
    s[at + INDEX] = this.size;
    s[at + PLEN] = plen;
    return this.size++;
  }

  get(b: Uint8Array, s1: number, e1: number, s2 = 0, e2 = 0): V | undefined {
    const at = this.find(b, s1, e1, s2, e2);
    return at < 0 ? undefined : this.vals[this.slots[at + INDEX]!];
  }

  set(b: Uint8Array, s1: number, e1: number, s2: number, e2: number, v: V): void {
    const at = this.find(b, s1, e1, s2, e2);
    if (at >= 0) this.vals[this.slots[at + INDEX]!] = v;
    else this.vals[this.add(b, s1, e1, s2, e2)] = v;
  }

  private grow(): void {
    const old = this.slots;
    const n = (this.mask + 1) * 2;
    this.mask = n - 1;
    const slots = (this.slots = new Int32Array(n * STRIDE));
    for (let from = 0; from < old.length; from += STRIDE) {
      if (old[from + OFF] === 0) continue;
      let slot = old[from + HASH]! & this.mask;
      while (slots[slot * STRIDE + OFF] !== 0) slot = (slot + 1) & this.mask;
      slots.set(old.subarray(from, from + STRIDE), slot * STRIDE);
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

  /**
   * A line without quotes is split on commas in the same pass that finds its end (one look at each byte,
   * no call per line: bench/procurement); a line with a quote, or inside an open quoted field, goes
   * through take().
   */
  push(chunk: Buffer): void {
    const b = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const len = b.length;
    let start = 0;
    while (start < len) {
      let i = start;
      if (this.open === undefined) {
        let n = 0;
        let fs = start;
        let starts = this.starts;
        let ends = this.ends;
        for (; i < len; i++) {
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
          } else if (c === 10 || c === 34) break;
        }
        if (i >= len) break; // the line goes on in the next chunk
        if (b[i] === 10) {
          const e = i > start && b[i - 1] === 13 ? i - 1 : i;
          this.line++;
          if (e > start) {
            starts[n] = fs;
            ends[n++] = e;
            this.sink(b, starts, ends, n, this.line);
          }
          start = i + 1;
          continue;
        }
      }
      // A quote in the line, or a quoted field still open: the whole line at once.
      const nl = b.indexOf(10, i);
      if (nl < 0) break;
      this.take(b, start, nl > start && b[nl - 1] === 13 ? nl - 1 : nl);
      start = nl + 1;
    }
    this.carry = start < len ? b.subarray(start) : undefined;
  }

  end(): void {
    // The last line, when the file does not end with one: through push like every other.
    if (this.carry) this.push(Buffer.from([10]));
    if (this.open !== undefined) {
      const r = this.open;
      this.open = undefined;
      this.strings.emit(splitQuoted(r), this.openLine);
    }
  }

  /** A line that holds a quote, or goes on a quoted field still open (push splits every other line). */
  private take(b: Buffer, s: number, e: number): void {
    this.line++;
    const text = b.toString('utf8', s, e);
    if (this.open !== undefined) {
      this.open += `\n${text}`;
      if (countQuotes(this.open) % 2 === 0) {
        const r = this.open;
        this.open = undefined;
        this.strings.emit(splitQuoted(r), this.openLine);
      }
    } else if (countQuotes(text) % 2 === 1) {
      this.open = text;
      this.openLine = this.line;
    } else this.strings.emit(splitQuoted(text), this.line);
  }
}

const notText = () =>
  new Problem('validation', { ko: '파일이 UTF-8도 EUC-KR도 아닌 글자를 담고 있습니다', en: 'The file holds text that is neither UTF-8 nor EUC-KR' }, [
    { path: 'file', messages: { ko: 'UTF-8 또는 EUC-KR(CP949) CSV 파일로 저장해 주세요', en: 'Save the file as CSV in UTF-8 or EUC-KR (CP949)' } },
  ]);

const nulByte = () =>
  new Problem('validation', { ko: '파일에 NUL 문자(0x00)가 있습니다: 텍스트 파일이 아닙니다', en: 'The file holds a NUL character (0x00): it is not a text file' }, [
    { path: 'file', messages: { ko: 'CSV 파일을 UTF-8 또는 EUC-KR 텍스트로 다시 저장해 주세요', en: 'Save the file again as CSV text in UTF-8 or EUC-KR' } },
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
 * byte-order mark dropped), else decoded as EUC-KR / CP949 and encoded again. Refuses anything else,
 * and a NUL character in either.
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
      if (s.includes('\0')) throw nulByte();
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
    // PostgreSQL keeps no NUL in text: refused here, before any row is written, rather than by the COPY.
    if (whole.indexOf(0) >= 0) throw nulByte();
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
