/**
 * The checked boundary around the kernels: every function validates shapes and names the
 * operation, the argument and both shapes in its error, then calls the unchecked kernel.
 */
import { type Matrix, ShapeError, shapeOf, zeros } from './matrix.ts';
import * as K from './kernels.ts';

function fail(op: string, arg: string, got: Matrix, expected: string): never {
  throw new ShapeError(`${op}: argument '${arg}' has shape ${shapeOf(got)}, expected ${expected}`);
}

function target(op: string, out: Matrix | undefined, rows: number, cols: number): Matrix {
  if (!out) return zeros(rows, cols);
  if (out.rows !== rows || out.cols !== cols) fail(op, 'out', out, `${rows}x${cols}`);
  return out;
}

/** A·B */
export function matmul(A: Matrix, B: Matrix, out?: Matrix): Matrix {
  if (A.cols !== B.rows) fail('matmul', 'B', B, `${A.cols}x? to match A ${shapeOf(A)}`);
  const C = target('matmul', out, A.rows, B.cols);
  K.gemmNN(A.rows, B.cols, A.cols, A.data, B.data, C.data);
  return C;
}

/** Aᵀ·B without materialising Aᵀ. */
export function matmulTN(A: Matrix, B: Matrix, out?: Matrix): Matrix {
  if (A.rows !== B.rows) fail('matmulTN', 'B', B, `${A.rows}x? to match Aᵀ of A ${shapeOf(A)}`);
  const C = target('matmulTN', out, A.cols, B.cols);
  K.gemmTN(A.cols, B.cols, A.rows, A.data, B.data, C.data);
  return C;
}

/** A·Bᵀ without materialising Bᵀ. */
export function matmulNT(A: Matrix, B: Matrix, out?: Matrix): Matrix {
  if (A.cols !== B.cols) fail('matmulNT', 'B', B, `?x${A.cols} to match A ${shapeOf(A)}`);
  const C = target('matmulNT', out, A.rows, B.rows);
  K.gemmNT(A.rows, B.rows, A.cols, A.data, B.data, C.data);
  return C;
}

/** C += b broadcast over rows; b is 1×n. */
export function addBiasInPlace(C: Matrix, b: Matrix): Matrix {
  if (b.rows !== 1 || b.cols !== C.cols) fail('addBias', 'b', b, `1x${C.cols}`);
  K.addRowVector(C.rows, C.cols, C.data, b.data);
  return C;
}

/** Column sums as a 1×n matrix. */
export function sumOverRows(A: Matrix, out?: Matrix): Matrix {
  const o = target('sumOverRows', out, 1, A.cols);
  K.sumRows(A.rows, A.cols, A.data, o.data);
  return o;
}

export function rowMaxes(A: Matrix): Float64Array {
  const out = new Float64Array(A.rows);
  K.rowMax(A.rows, A.cols, A.data, out);
  return out;
}

export function rowSums(A: Matrix): Float64Array {
  const out = new Float64Array(A.rows);
  K.rowSum(A.rows, A.cols, A.data, out);
  return out;
}

export function mapMatrix(A: Matrix, f: (x: number) => number, out?: Matrix): Matrix {
  const o = target('map', out, A.rows, A.cols);
  K.map(A.data.length, A.data, o.data, f);
  return o;
}

export function sameShape(op: string, name: string, a: Matrix, b: Matrix): void {
  if (a.rows !== b.rows || a.cols !== b.cols) fail(op, name, b, shapeOf(a));
}

export function sumSquares(A: Matrix): number {
  return K.dot(A.data.length, A.data, A.data);
}
