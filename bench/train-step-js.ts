import { mlpConfig, initParams } from '../src/nn/mlp.ts';
import { createWorkspace } from '../src/nn/workspace.ts';
import { forwardInto } from '../src/nn/forward.ts';
import { backwardInto } from '../src/nn/backward.ts';
import { axpy } from '../src/core/kernels.ts';
import { oneHot } from '../src/data/dataset.ts';
import { zeros } from '../src/core/matrix.ts';
import { createRng } from '../src/random/rng.ts';
import { timeMs } from './util.ts';

/** ms per SGD step of a 784-128-10 ReLU MLP, batch 64, float64, with nncheck's kernels. */
export function nncheckStepMs(reps = 200): number {
  const config = mlpConfig(784, 128, 10, 'relu');
  const params = initParams(config, 0);
  const rng = createRng('bench');
  const X = zeros(64, 784);
  for (let i = 0; i < X.data.length; i++) X.data[i] = rng.uniform();
  const Y = oneHot(
    Array.from({ length: 64 }, (_, i) => i % 10),
    10,
  );
  const ws = createWorkspace(config, 64);
  const step = () => {
    forwardInto(config, params, X, ws);
    backwardInto(config, params, X, Y, 0, ws);
    params.weights.forEach((w, l) => axpy(w.data.length, -0.01, ws.gradW[l].data, w.data));
    params.biases.forEach((b, l) => axpy(b.data.length, -0.01, ws.gradB[l].data, b.data));
  };
  return timeMs(step, reps);
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(`nncheck step: ${nncheckStepMs().toFixed(2)} ms`);
