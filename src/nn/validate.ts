import { type Matrix, ShapeError, shapeOf, isMatrix } from '../core/matrix.ts';
import type { MlpConfig, MlpParams } from './mlp.ts';

/** The checked boundary of the reference network: names the argument and both shapes. */
export function validateParams(config: MlpConfig, params: MlpParams, op: string): void {
  const { sizes } = config;
  const L = sizes.length - 1;
  if (params.weights.length !== L || params.biases.length !== L) {
    throw new ShapeError(
      `${op}: expected ${L} weight and bias tensors for sizes [${sizes.join(', ')}], ` +
        `got ${params.weights.length} and ${params.biases.length}`,
    );
  }
  for (let l = 0; l < L; l++) {
    const w = params.weights[l],
      b = params.biases[l];
    if (!isMatrix(w) || w.rows !== sizes[l] || w.cols !== sizes[l + 1]) {
      throw new ShapeError(
        `${op}: argument 'W${l + 1}' has shape ${isMatrix(w) ? shapeOf(w) : typeof w}, ` +
          `expected ${sizes[l]}x${sizes[l + 1]}`,
      );
    }
    if (!isMatrix(b) || b.rows !== 1 || b.cols !== sizes[l + 1]) {
      throw new ShapeError(
        `${op}: argument 'b${l + 1}' has shape ${isMatrix(b) ? shapeOf(b) : typeof b}, expected 1x${sizes[l + 1]}`,
      );
    }
  }
}

export function validateBatch(config: MlpConfig, X: Matrix, Y: Matrix | undefined, op: string): void {
  const D = config.sizes[0],
    K = config.sizes[config.sizes.length - 1];
  if (X.cols !== D) throw new ShapeError(`${op}: argument 'X' has shape ${shapeOf(X)}, expected ?x${D}`);
  if (Y && (Y.rows !== X.rows || Y.cols !== K)) {
    throw new ShapeError(
      `${op}: argument 'Y' has shape ${shapeOf(Y)}, expected ${X.rows}x${K} (one-hot, a row per row of X)`,
    );
  }
}
