import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Matrix } from '../src/core/matrix.ts';
import { timeMsAsync } from './util.ts';

async function useBackend(backend: 'cpu' | 'wasm'): Promise<void> {
  if (backend === 'wasm') {
    const require = createRequire(import.meta.url);
    setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/');
  }
  await tf.setBackend(backend);
  await tf.ready();
}

/** An SGD step of a D-H-K ReLU MLP with softmax cross-entropy on one batch (float32). */
function makeStep(D: number, H: number, K: number, lr: number) {
  const W1 = tf.variable(tf.randomNormal([D, H], 0, Math.sqrt(2 / D), 'float32', 2));
  const b1 = tf.variable(tf.zeros([H]));
  const W2 = tf.variable(tf.randomNormal([H, K], 0, Math.sqrt(2 / H), 'float32', 3));
  const b2 = tf.variable(tf.zeros([K]));
  const opt = tf.train.sgd(lr);
  return async (X: tf.Tensor2D, Y: tf.Tensor2D) => {
    const cost = opt.minimize(
      () => tf.losses.softmaxCrossEntropy(Y, tf.relu(X.matMul(W1).add(b1)).matMul(W2).add(b2)),
      true,
    ) as tf.Scalar;
    await cost.data();
    cost.dispose();
  };
}

/** ms per step of the 784-128-10 network at batch 64 (TF.js has no float64 kernels: float32). */
export async function tfjsStepMs(backend: 'cpu' | 'wasm', reps: number): Promise<number> {
  await useBackend(backend);
  const X = tf.randomUniform([64, 784], 0, 1, 'float32', 1) as tf.Tensor2D;
  const Y = tf.oneHot(
    tf.tensor1d(
      Array.from({ length: 64 }, (_, i) => i % 10),
      'int32',
    ),
    10,
  ) as tf.Tensor2D;
  const step = makeStep(784, 128, 10, 0.01);
  return timeMsAsync(() => step(X, Y), reps);
}

/** ms per epoch (mini-batches of `batch`) on the given data. */
export async function tfjsEpochMs(
  backend: 'cpu' | 'wasm',
  X: Matrix,
  labels: Int32Array,
  K: number,
  H: number,
  batch: number,
  reps: number,
): Promise<number> {
  await useBackend(backend);
  const batches: [tf.Tensor2D, tf.Tensor2D][] = [];
  for (let s = 0; s < X.rows; s += batch) {
    const e = Math.min(X.rows, s + batch);
    batches.push([
      tf.tensor2d(Float32Array.from(X.data.subarray(s * X.cols, e * X.cols)), [e - s, X.cols], 'float32'),
      tf.oneHot(tf.tensor1d(Int32Array.from(labels.subarray(s, e)), 'int32'), K) as tf.Tensor2D,
    ]);
  }
  const step = makeStep(X.cols, H, K, 0.05);
  return timeMsAsync(
    async () => {
      for (const [x, y] of batches) await step(x, y);
    },
    reps,
    1,
  );
}
