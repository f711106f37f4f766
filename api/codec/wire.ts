// Protobuf wire primitives for the object codec, written for its hot path: one reused scratch
// buffer instead of protobufjs' per-field op list, and strings read and written without a
// separate length pass where the length prefix size is already known. The codec test checks the
// bytes against protobufjs' reading of object.proto in both directions.
import type protobuf from 'protobufjs';

export const VARINT = 0;
export const LEN = 2;
const TWO_32 = 4294967296;

/** tagOf is the tag of a schema field, so field numbers come only from object.proto. */
export function tagOf(type: protobuf.Type, field: string, wire: number): number {
  const f = type.fields[field];
  if (f === undefined) throw new Error(`object.proto: ${type.name} has no field ${field}`);
  return f.id * 8 + wire;
}

const varintSize = (n: number): number => (n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 0x10000000 ? 4 : 5);

/** Writer appends to a growable buffer; finish() copies out the exact bytes. */
export class Writer {
  buf: Buffer;
  pos = 0;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  uint(n: number): void {
    this.room(5);
    const b = this.buf;
    while (n > 0x7f) {
      b[this.pos++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    b[this.pos++] = n;
  }

  /** int64 writes a safe integer as protobuf int64: negatives are ten-byte two's complement. */
  int64(n: number): void {
    if (n >= 0 && n < 0x80000000) return this.uint(n);
    const abs = Math.abs(n);
    let lo = abs >>> 0;
    let hi = ((abs - lo) / TWO_32) >>> 0;
    if (n < 0) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
      if (++lo > 0xffffffff) {
        lo = 0;
        hi = (hi + 1) >>> 0;
      }
    }
    this.room(10);
    const b = this.buf;
    while (hi !== 0) {
      b[this.pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    while (lo > 0x7f) {
      b[this.pos++] = (lo & 0x7f) | 0x80;
      lo >>>= 7;
    }
    b[this.pos++] = lo;
  }

  /** string writes a length-prefixed UTF-8 string (callers pass only well-formed strings). */
  string(s: string): void {
    const n = s.length;
    if (n < 64 && this.ascii(s)) return;
    // A UTF-16 unit takes one to three UTF-8 bytes; when both bounds need the same prefix size,
    // the prefix can be written after the text without measuring it first.
    let prefix = varintSize(n);
    if (prefix !== varintSize(n * 3)) prefix = varintSize(Buffer.byteLength(s));
    this.room(prefix + n * 3);
    const start = this.pos + prefix;
    const len = this.buf.write(s, start, 'utf8');
    this.lengthAt(this.pos, prefix, len);
    this.pos = start + len;
  }

  // Short ASCII (names, label keys) is cheaper copied in JS than through the native encoder.
  private ascii(s: string): boolean {
    const n = s.length;
    this.room(1 + n);
    const b = this.buf;
    let p = this.pos + 1;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) return false;
      b[p++] = c;
    }
    b[this.pos] = n;
    this.pos = p;
    return true;
  }

  private lengthAt(at: number, size: number, n: number): void {
    const b = this.buf;
    for (let i = 1; i < size; i++) {
      b[at++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    b[at] = n;
  }

  /** fork starts a length-delimited field; join(fork()) writes its length once it is known. */
  fork(): number {
    this.room(1);
    return this.pos++;
  }

  join(at: number): void {
    const n = this.pos - at - 1;
    const size = varintSize(n);
    if (size > 1) {
      // Rare (metadata over 127 bytes): move the content right to make room for a longer prefix.
      this.room(size - 1);
      this.buf.copy(this.buf, at + size, at + 1, this.pos);
      this.pos += size - 1;
    }
    this.lengthAt(at, size, n);
  }

  finish(): Buffer {
    const out = Buffer.allocUnsafe(this.pos);
    this.buf.copy(out, 0, 0, this.pos);
    return out;
  }
}

/** Reader reads fields up to `end`, which limit() narrows for an embedded message. */
export class Reader {
  pos = 0;
  end: number;

  constructor(readonly buf: Buffer) {
    this.end = buf.length;
  }

  private byte(): number {
    if (this.pos >= this.end) throw new RangeError(`truncated varint at offset ${this.pos}`);
    return this.buf[this.pos++]!;
  }

  /** uint reads a varint as a non-negative number (tags, lengths, bools). */
  uint(): number {
    let b = this.byte();
    if (b < 0x80) return b;
    let v = b & 0x7f;
    let scale = 0x80;
    for (let i = 1; i < 10; i++) {
      b = this.byte();
      v += (b & 0x7f) * scale;
      if (b < 0x80) return v;
      scale *= 0x80;
    }
    throw new RangeError(`varint longer than 10 bytes at offset ${this.pos}`);
  }

  /** int64 reads a varint as a two's complement 64-bit integer (exact within ±2^53). */
  int64(): number {
    let lo = 0;
    let hi = 0;
    let b = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      b = this.byte();
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) return lo >>> 0;
    }
    b = this.byte();
    lo |= (b & 0x0f) << 28;
    hi = (b & 0x7f) >> 4;
    for (let shift = 3; b >= 0x80; shift += 7) {
      if (shift > 31) throw new RangeError(`varint longer than 10 bytes at offset ${this.pos}`);
      b = this.byte();
      hi |= (b & 0x7f) << shift;
    }
    lo >>>= 0;
    hi >>>= 0;
    if (hi >>> 31 === 0) return lo + hi * TWO_32;
    lo = (~lo + 1) >>> 0;
    hi = ~hi >>> 0;
    if (lo === 0) hi = (hi + 1) >>> 0;
    return -(lo + hi * TWO_32);
  }

  /** limit reads a length and narrows the reader to it; restore() with the result widens again. */
  limit(): number {
    const n = this.uint();
    if (n > this.end - this.pos) throw new RangeError(`length ${n} at offset ${this.pos} runs past the end`);
    const outer = this.end;
    this.end = this.pos + n;
    return outer;
  }

  restore(outer: number): void {
    this.end = outer;
  }

  // A latin1 copy of a message full of short strings, and the range of the buffer it copies.
  private text = '';
  private textStart = 0;
  private textEnd = 0;

  /**
   * sliceStrings copies the current message once so that its short ASCII strings are slices of
   * that copy: metadata is a dozen or two short strings, and one native decode each costs more.
   */
  sliceStrings(): void {
    this.textStart = this.pos;
    this.textEnd = this.end;
    this.text = this.buf.toString('latin1', this.pos, this.end);
  }

  string(): string {
    const outer = this.limit();
    const start = this.pos;
    const end = this.end;
    this.pos = end;
    this.end = outer;
    if (end - start <= 64 && start >= this.textStart && end <= this.textEnd) {
      const b = this.buf;
      let i = start;
      while (i < end && b[i]! < 0x80) i++;
      if (i === end) return this.text.slice(start - this.textStart, end - this.textStart);
    }
    return this.buf.toString('utf8', start, end);
  }

  /** skip passes over a field of an unknown number, as protobuf readers must. */
  skip(tag: number): void {
    switch (tag % 8) {
      case 0:
        this.uint();
        return;
      case 1:
        return this.advance(8);
      case 2:
        return this.advance(this.uint());
      case 5:
        return this.advance(4);
      case 3:
        for (let t = this.uint(); t % 8 !== 4; t = this.uint()) this.skip(t);
        return;
      default:
        throw new RangeError(`invalid wire type ${tag % 8} at offset ${this.pos}`);
    }
  }

  private advance(n: number): void {
    if (n > this.end - this.pos) throw new RangeError(`field at offset ${this.pos} runs past the end`);
    this.pos += n;
  }
}
