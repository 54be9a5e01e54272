/**
 * Sums (amount, count) under a key of two non-negative integers, in one typed array: the importer adds
 * every row to four of these (by month, by item, by method, by supplier and year). A slot's key, sums
 * and extra numbers sit side by side, so an add reads one cache line; a Map per institution, or an
 * array per field, cost a cache miss or more per row each (bench/procurement).
 */
export class SumTable {
  private mask: number;
  /** Per slot: a + 1 (0 marks an empty slot), b, amount, count, then `extra` numbers of the caller's. */
  private data: Float64Array;
  private readonly stride: number;
  size = 0;

  constructor(
    capacity = 1024,
    private readonly extra = 0,
  ) {
    let n = 16;
    while (n < capacity * 2) n *= 2;
    this.mask = n - 1;
    this.stride = 4 + extra;
    this.data = new Float64Array(n * this.stride);
  }

  private static slotOf(a1: number, b: number, mask: number): number {
    const h = (Math.imul(a1, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) >>> 0;
    return (h ^ (h >>> 15)) & mask;
  }

  /** Adds amount (and one to the count) under (a, b); answers the slot, for setExtra. */
  add(a: number, b: number, amount: number): number {
    const { data, mask, stride } = this;
    const a1 = a + 1;
    for (let slot = SumTable.slotOf(a1, b, mask); ; slot = (slot + 1) & mask) {
      const at = slot * stride;
      const k = data[at]!;
      if (k === a1 && data[at + 1] === b) {
        data[at + 2]! += amount;
        data[at + 3]!++;
        return at;
      }
      if (k === 0) {
        data[at] = a1;
        data[at + 1] = b;
        data[at + 2] = amount;
        data[at + 3] = 1;
        if (++this.size * 2 > mask + 1) {
          this.grow();
          return this.find(a1, b);
        }
        return at;
      }
    }
  }

  /** Sets extra number i of the slot add answered. */
  setExtra(at: number, i: number, v: number): void {
    this.data[at + 4 + i] = v;
  }

  private find(a1: number, b: number): number {
    const { data, mask, stride } = this;
    for (let slot = SumTable.slotOf(a1, b, mask); ; slot = (slot + 1) & mask) {
      const at = slot * stride;
      if (data[at] === a1 && data[at + 1] === b) return at;
    }
  }

  /** Calls fn for every key with its sums and extra numbers, in no particular order. */
  forEach(fn: (a: number, b: number, amount: number, records: number, extra: Float64Array) => void): void {
    const { data, stride } = this;
    for (let at = 0; at < data.length; at += stride) if (data[at]) fn(data[at]! - 1, data[at + 1]!, data[at + 2]!, data[at + 3]!, data.subarray(at + 4, at + stride));
  }

  private grow(): void {
    const old = this.data;
    const { stride } = this;
    const n = (this.mask + 1) * 2;
    this.mask = n - 1;
    const data = (this.data = new Float64Array(n * stride));
    for (let from = 0; from < old.length; from += stride) {
      if (!old[from]) continue;
      let slot = SumTable.slotOf(old[from]!, old[from + 1]!, this.mask);
      while (data[slot * stride]) slot = (slot + 1) & this.mask;
      data.set(old.subarray(from, from + stride), slot * stride);
    }
  }
}
