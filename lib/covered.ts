/**
 * Offsets of a text covered by accepted spans, for "the first span wins on overlap". Spans are
 * short, so marking and testing each offset keeps the check linear. One bit per offset: a byte per
 * character was an allocation the size of the text on every call, and work for the garbage collector.
 */
export class CoveredOffsets {
  private readonly bits: Uint32Array;
  constructor(textLength: number) {
    this.bits = new Uint32Array((textLength >>> 5) + 1);
  }
  /** Whether any offset in [start, end) is covered. */
  overlaps(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (((this.bits[i >>> 5]! >>> (i & 31)) & 1) === 1) return true;
    return false;
  }
  /** Cover [start, end). */
  cover(start: number, end: number): void {
    for (let i = start; i < end; i++) this.bits[i >>> 5]! |= 1 << (i & 31);
  }
}
