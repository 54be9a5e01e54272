/**
 * Sums (amount, count) under a key of two non-negative integers, in typed arrays: the importer adds
 * every row to three of these (by month, by item, by method). A Map<number, {amount, records}> per
 * institution cost a cache miss or two per row for each (bench/procurement); here a key, its amount
 * and its count sit in three flat arrays.
 */
export class SumTable {
  private mask: number;
  /** a + 1 of the key; 0 marks an empty slot. */
  private as: Int32Array;
  private bs: Int32Array;
  private amounts: Float64Array;
  private counts: Int32Array;
  size = 0;

  constructor(capacity = 1024) {
    let n = 16;
    while (n < capacity * 2) n *= 2;
    this.mask = n - 1;
    this.as = new Int32Array(n);
    this.bs = new Int32Array(n);
    this.amounts = new Float64Array(n);
    this.counts = new Int32Array(n);
  }

  add(a: number, b: number, amount: number): void {
    const { as, bs, mask } = this;
    const a1 = a + 1;
    let slot = (Math.imul(a1, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) >>> 0;
    slot = (slot ^ (slot >>> 15)) & mask;
    for (; ; slot = (slot + 1) & mask) {
      const k = as[slot]!;
      if (k === a1 && bs[slot] === b) {
        this.amounts[slot]! += amount;
        this.counts[slot]!++;
        return;
      }
      if (k === 0) break;
    }
    as[slot] = a1;
    bs[slot] = b;
    this.amounts[slot] = amount;
    this.counts[slot] = 1;
    if (++this.size * 2 > mask + 1) this.grow();
  }

  /** Calls fn for every key with its sums, in no particular order. */
  forEach(fn: (a: number, b: number, amount: number, records: number) => void): void {
    for (let i = 0; i < this.as.length; i++) if (this.as[i]) fn(this.as[i]! - 1, this.bs[i]!, this.amounts[i]!, this.counts[i]!);
  }

  private grow(): void {
    const { as, bs, amounts, counts } = this;
    const n = as.length * 2;
    this.mask = n - 1;
    this.as = new Int32Array(n);
    this.bs = new Int32Array(n);
    this.amounts = new Float64Array(n);
    this.counts = new Int32Array(n);
    this.size = 0;
    for (let i = 0; i < as.length; i++) {
      if (!as[i]) continue;
      const a1 = as[i]!;
      const b = bs[i]!;
      let slot = (Math.imul(a1, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) >>> 0;
      slot = (slot ^ (slot >>> 15)) & this.mask;
      while (this.as[slot]) slot = (slot + 1) & this.mask;
      this.as[slot] = a1;
      this.bs[slot] = b;
      this.amounts[slot] = amounts[i]!;
      this.counts[slot] = counts[i]!;
      this.size++;
    }
  }
}
