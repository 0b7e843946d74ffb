import { type Matrix, zeros, ShapeError, shapeOf } from '../core/matrix.ts';
import type { MlpParams } from './mlp.ts';

/**
 * The two ways hand-written networks store parameters:
 * - "bias-row": θ_l of shape (fan_in+1)×fan_out, bias in row 0, as in `a = [1, x]; z = a·θ`;
 * - "separate": W_l (fan_in×fan_out) and b_l (1×fan_out), listed W1, b1, W2, b2, ...
 */
export type Layout = 'bias-row' | 'separate';

export function toLayout(params: MlpParams, layout: Layout): Matrix[] {
  if (layout === 'separate') return params.weights.flatMap((w, l) => [w, params.biases[l]]);
  return params.weights.map((w, l) => {
    const theta = zeros(w.rows + 1, w.cols);
    theta.data.set(params.biases[l].data, 0);
    theta.data.set(w.data, w.cols);
    return theta;
  });
}

export function fromLayout(list: readonly Matrix[], layout: Layout): MlpParams {
  if (layout === 'separate') {
    if (list.length % 2 !== 0) throw new ShapeError(`separate layout needs W, b pairs, got ${list.length} tensors`);
    const weights: Matrix[] = [],
      biases: Matrix[] = [];
    for (let i = 0; i < list.length; i += 2) {
      const w = list[i],
        b = list[i + 1];
      if (b.rows * b.cols !== w.cols) {
        throw new ShapeError(
          `separate layout: bias ${i / 2 + 1} has shape ${shapeOf(b)}, expected 1x${w.cols} to match W ${shapeOf(w)}`,
        );
      }
      weights.push(w);
      biases.push({ rows: 1, cols: w.cols, data: b.data });
    }
    return { weights, biases };
  }
  const weights: Matrix[] = [],
    biases: Matrix[] = [];
  for (const theta of list) {
    if (theta.rows < 2)
      throw new ShapeError(`bias-row layout: θ of shape ${shapeOf(theta)} has no weight rows below the bias row`);
    biases.push({ rows: 1, cols: theta.cols, data: theta.data.slice(0, theta.cols) });
    weights.push({ rows: theta.rows - 1, cols: theta.cols, data: theta.data.slice(theta.cols) });
  }
  return { weights, biases };
}

/**
 * Infers the layout of a parameter list for input width D and K classes: bias-row lists have one
 * tensor per layer, the first with D+1 rows; separate lists alternate W and a 1-row (or 1-D) b.
 */
export function inferLayout(shapes: readonly (readonly number[])[], D: number, K: number): Layout | null {
  if (shapes.length === 0) return null;
  const first = shapes[0];
  const last = shapes[shapes.length - 1];
  const cols = (s: readonly number[]) => s[s.length - 1];
  if (first.length === 2 && first[0] === D + 1 && cols(last) === K) {
    let ok = true;
    for (let i = 1; i < shapes.length; i++)
      if (shapes[i].length !== 2 || shapes[i][0] !== cols(shapes[i - 1]) + 1) ok = false;
    if (ok) return 'bias-row';
  }
  if (shapes.length % 2 === 0 && first.length === 2 && first[0] === D && cols(last) === K) {
    let ok = true;
    for (let i = 0; i < shapes.length; i += 2) {
      const b = shapes[i + 1];
      const bSize = b.reduce((a, x) => a * x, 1);
      if (bSize !== cols(shapes[i])) ok = false;
    }
    if (ok) return 'separate';
  }
  return null;
}
