/** A dense float64 matrix stored row-major in one flat buffer. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export class ShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShapeError';
  }
}

export const shapeOf = (m: Matrix): string => `${m.rows}x${m.cols}`;

export function zeros(rows: number, cols: number): Matrix {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new ShapeError(`zeros: rows and cols must be non-negative integers, got ${rows}x${cols}`);
  }
  return { rows, cols, data: new Float64Array(rows * cols) };
}

export function fromData(rows: number, cols: number, data: ArrayLike<number>): Matrix {
  if (data.length !== rows * cols) {
    throw new ShapeError(`fromData: ${rows}x${cols} needs ${rows * cols} values, got ${data.length}`);
  }
  return { rows, cols, data: Float64Array.from(data) };
}

/** Builds a matrix from nested arrays; `name` labels errors (e.g. "X" or "params[0]"). */
export function fromRows(values: ArrayLike<ArrayLike<number>>, name = 'matrix'): Matrix {
  const rows = values.length;
  if (rows === 0) return zeros(0, 0);
  const cols = values[0].length;
  const out = zeros(rows, cols);
  for (let i = 0; i < rows; i++) {
    const row = values[i];
    if (row === undefined || typeof row.length !== 'number') {
      throw new ShapeError(`${name}: row ${i} is not an array`);
    }
    if (row.length !== cols) {
      throw new ShapeError(`${name}: row ${i} has ${row.length} values, row 0 has ${cols} (ragged rows)`);
    }
    for (let j = 0; j < cols; j++) out.data[i * cols + j] = Number(row[j]);
  }
  return out;
}

export function toRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

export const clone = (m: Matrix): Matrix => ({ rows: m.rows, cols: m.cols, data: m.data.slice() });

export const get = (m: Matrix, i: number, j: number): number => m.data[i * m.cols + j];

export function rowSlice(m: Matrix, indices: ArrayLike<number>): Matrix {
  const out = zeros(indices.length, m.cols);
  for (let r = 0; r < indices.length; r++) {
    out.data.set(m.data.subarray(indices[r] * m.cols, (indices[r] + 1) * m.cols), r * m.cols);
  }
  return out;
}

export function transpose(m: Matrix): Matrix {
  const out = zeros(m.cols, m.rows);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) out.data[j * m.rows + i] = m.data[i * m.cols + j];
  return out;
}

export function isMatrix(x: unknown): x is Matrix {
  const m = x as Matrix;
  return (
    !!m &&
    typeof m === 'object' &&
    m.data instanceof Float64Array &&
    Number.isInteger(m.rows) &&
    Number.isInteger(m.cols) &&
    m.data.length === m.rows * m.cols
  );
}
