import { inflateRawSync } from 'node:zlib';
import { DataError } from './csv-loader.ts';

export interface NpyArray {
  shape: number[];
  data: Float64Array;
}

/** Element readers for the numeric dtypes a data set is saved in, by their .npy descr (without the byte order). */
const READERS: Record<string, [number, (v: DataView, o: number, le: boolean) => number]> = {
  f8: [8, (v, o, le) => v.getFloat64(o, le)],
  f4: [4, (v, o, le) => v.getFloat32(o, le)],
  i8: [8, (v, o, le) => Number(v.getBigInt64(o, le))],
  i4: [4, (v, o, le) => v.getInt32(o, le)],
  i2: [2, (v, o, le) => v.getInt16(o, le)],
  i1: [1, (v, o) => v.getInt8(o)],
  u8: [8, (v, o, le) => Number(v.getBigUint64(o, le))],
  u4: [4, (v, o, le) => v.getUint32(o, le)],
  u2: [2, (v, o, le) => v.getUint16(o, le)],
  u1: [1, (v, o) => v.getUint8(o)],
  b1: [1, (v, o) => v.getUint8(o)],
};

/** One array from .npy bytes (format versions 1-3, C order, numeric dtypes), as float64. */
export function readNpy(buf: Buffer, file: string): NpyArray {
  if (buf.length < 10 || buf[0] !== 0x93 || buf.toString('latin1', 1, 6) !== 'NUMPY')
    throw new DataError(`${file}: not a .npy array (no \\x93NUMPY magic)`);
  const major = buf[6];
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = buf.toString('latin1', start, start + headerLen);
  const descr = /'descr':\s*'([<>|=])(\w+)'/.exec(header);
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header);
  if (!descr || !shape) throw new DataError(`${file}: unreadable .npy header ${header.trim().slice(0, 80)}`);
  if (/'fortran_order':\s*True/.test(header))
    throw new DataError(`${file}: Fortran-ordered array; save it with np.ascontiguousarray(X)`);
  const reader = READERS[descr[2]];
  if (!reader)
    throw new DataError(`${file}: dtype '${descr[1]}${descr[2]}' is not numeric; save float or integer arrays`);
  const dims = shape[1]
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  const n = dims.reduce((a, b) => a * b, 1);
  const [size, read] = reader;
  const offset = start + headerLen;
  if (buf.length < offset + n * size)
    throw new DataError(`${file}: truncated: ${n} elements of ${size} bytes announced`);
  const view = new DataView(buf.buffer, buf.byteOffset + offset, n * size);
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = read(view, i * size, descr[1] !== '>');
  return { shape: dims, data };
}

/** The arrays of an .npz (a zip of .npy files, stored or deflated, as np.savez and np.savez_compressed write). */
export function readNpz(buf: Buffer, file: string): Map<string, NpyArray> {
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new DataError(`${file}: not an .npz (zip) archive`);
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const out = new Map<string, NpyArray>();
  for (let k = 0; k < count; k++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new DataError(`${file}: damaged zip directory`);
    const method = buf.readUInt16LE(p + 10),
      size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28),
      extraLen = buf.readUInt16LE(p + 30),
      commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataAt, dataAt + size);
    if (method !== 0 && method !== 8)
      throw new DataError(`${file}: ${name} uses zip method ${method}; save with np.savez or np.savez_compressed`);
    out.set(
      name.replace(/\.npy$/, ''),
      readNpy(method === 8 ? inflateRawSync(raw) : Buffer.from(raw), `${file}:${name}`),
    );
  }
  return out;
}
