import { type Matrix, fromRows, isMatrix, ShapeError } from '../../core/matrix.ts';

/**
 * Converts what user code returns (number[][], a 1-D number[], a Float64Array, or our Matrix)
 * into a Matrix. A 1-D array becomes one row: biases of shape (H,) are read as (1, H).
 */
export function toMatrix(x: unknown, what: string): Matrix {
  if (isMatrix(x)) return x;
  if (x === null || x === undefined) throw new ShapeError(`${what} is ${x}`);
  if (ArrayBuffer.isView(x) && !(x instanceof DataView)) {
    const a = Array.from(x as unknown as ArrayLike<number>);
    return { rows: 1, cols: a.length, data: Float64Array.from(a) };
  }
  if (Array.isArray(x)) {
    if (x.length === 0) return { rows: 0, cols: 0, data: new Float64Array(0) };
    if (typeof x[0] === 'number') return { rows: 1, cols: x.length, data: Float64Array.from(x as number[]) };
    return fromRows(x as number[][], what);
  }
  throw new ShapeError(`${what} is a ${typeof x}, not an array (number[][] or a Matrix)`);
}

/** A matrix as number[][] (a plain loop: Array.from over a typed array is several times slower, on every call). */
export function toNested(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) {
    const row: number[] = [];
    for (let k = i * m.cols; k < (i + 1) * m.cols; k++) row.push(m.data[k]);
    out.push(row);
  }
  return out;
}

/**
 * Shapes that differ only by singleton dimensions (a bias gradient of shape (1, H) for a bias of
 * shape (H,), or (H, 1)) are accepted; returns the gradient reshaped to the parameter's shape.
 */
export function alignSingleton(g: Matrix, p: Matrix): Matrix | null {
  if (g.rows === p.rows && g.cols === p.cols) return g;
  const squeeze = (m: Matrix) => [m.rows, m.cols].filter((d) => d !== 1).join('x');
  if (g.data.length === p.data.length && squeeze(g) === squeeze(p)) return { rows: p.rows, cols: p.cols, data: g.data };
  return null;
}
