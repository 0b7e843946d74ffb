import type { Matrix } from '../../core/matrix.ts';

export const MAGIC = Buffer.from('NNCK');

export interface Frame {
  header: Record<string, unknown>;
  arrays: Matrix[];
}

/** Encodes a frame: magic, header length, JSON header (with array shapes), payload length, float64 LE payload. */
export function encodeFrame(header: Record<string, unknown>, arrays: Matrix[]): Buffer {
  const h = Buffer.from(JSON.stringify({ ...header, arrays: arrays.map((a) => [a.rows, a.cols]) }), 'utf8');
  const bytes = arrays.reduce((s, a) => s + a.data.length * 8, 0);
  const out = Buffer.allocUnsafe(4 + 4 + h.length + 4 + bytes);
  MAGIC.copy(out, 0);
  out.writeUInt32LE(h.length, 4);
  h.copy(out, 8);
  out.writeUInt32LE(bytes, 8 + h.length);
  let o = 12 + h.length;
  for (const a of arrays) {
    // Float64Array is little-endian on every platform Node supports.
    Buffer.from(a.data.buffer, a.data.byteOffset, a.data.length * 8).copy(out, o);
    o += a.data.length * 8;
  }
  return out;
}

/**
 * Incremental decoder: push chunks, take complete frames. Anything that does not start with
 * the magic is reported with the bytes seen (user code printing to the protocol channel).
 */
export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);
  /** Chunks not yet joined to buf: a large frame arrives in many, joined once when it is whole. */
  private chunks: Buffer[] = [];
  private queued = 0;
  /** Bytes the frame being read needs before parsing can go on. */
  private needed = 4;

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.queued += chunk.length;
  }

  private waitFor(bytes: number): null {
    this.needed = bytes;
    return null;
  }

  next(): Frame | null {
    if (this.buf.length + this.queued < this.needed) return null;
    if (this.chunks.length) {
      this.buf = Buffer.concat([this.buf, ...this.chunks]);
      this.chunks = [];
      this.queued = 0;
    }
    const b = this.buf;
    this.needed = 4;
    if (b.length < 4) return null;
    if (!b.subarray(0, 4).equals(MAGIC)) {
      throw new Error(
        `unexpected output on the protocol channel: ${JSON.stringify(b.subarray(0, 60).toString('utf8'))}`,
      );
    }
    if (b.length < 8) return this.waitFor(8);
    const hl = b.readUInt32LE(4);
    if (b.length < 12 + hl) return this.waitFor(12 + hl);
    const end = 12 + hl + b.readUInt32LE(8 + hl);
    if (b.length < end) return this.waitFor(end);
    const header = JSON.parse(b.subarray(8, 8 + hl).toString('utf8')) as Record<string, unknown>;
    const payload = b.subarray(12 + hl, end);
    const arrays: Matrix[] = [];
    let o = 0;
    for (const shape of (header.arrays as number[][] | undefined) ?? []) {
      const [rows, cols] = shape.length === 2 ? shape : [1, shape[0] ?? 1];
      const n = rows * cols;
      const bytes = new Uint8Array(n * 8);
      bytes.set(payload.subarray(o, o + 8 * n));
      const data = new Float64Array(bytes.buffer);
      arrays.push({ rows, cols, data });
      o += 8 * n;
    }
    this.buf = b.subarray(end);
    return { header, arrays };
  }
}
