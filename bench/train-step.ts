/**
 * Issue 2's benchmark: one SGD step of a 784-128-10 ReLU network (batch 64) and one epoch on
 * digits (64-64-10, batch 32), nncheck float64 vs NumPy float64 (OpenBLAS pinned to one thread)
 * vs TF.js CPU and WASM (float32). Run: npm run bench -- train-step
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { nncheckStepMs } from './train-step-js.ts';
import { tfjsStepMs, tfjsEpochMs } from './train-step-tfjs.ts';
import { timeMs, fmt } from './util.ts';
import { loadBuiltin, DATASET_DIR } from '../src/data/builtin.ts';
import { fitStandardiser, applyStandardiser } from '../src/data/preprocess.ts';
import { mlpConfig, initParams } from '../src/nn/mlp.ts';
import { train } from '../src/nn/train.ts';
import { createWorkspace } from '../src/nn/workspace.ts';
import { forwardInto } from '../src/nn/forward.ts';
import { backwardInto } from '../src/nn/backward.ts';
import { axpy, kernelOptions } from '../src/core/kernels.ts';
import { rowSlice } from '../src/core/matrix.ts';
import { oneHot } from '../src/data/dataset.ts';

function numpy(): { stepMs: number; epochMs: number } | string {
  const script = fileURLToPath(new URL('./train_step_numpy.py', import.meta.url));
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const r = spawnSync('python3', [script, join(DATASET_DIR, 'digits.csv')], {
    encoding: 'utf8',
    env,
    timeout: 300_000,
  });
  if (r.status !== 0) return `NumPy run failed: ${r.stderr.trim().split('\n').pop()}`;
  return JSON.parse(r.stdout);
}

export async function benchTrainStep(): Promise<Record<string, number>> {
  const digits = loadBuiltin('digits');
  const X = applyStandardiser(digits.X, fitStandardiser(digits.X));
  const config = mlpConfig(64, 64, 10, 'relu');
  const data = { X, Y: oneHot(digits.labels, 10), labels: digits.labels };
  kernelOptions.wasm = false;
  const oursJs = nncheckStepMs(200);
  kernelOptions.wasm = true;
  const ours = nncheckStepMs(200);
  // The same loop as the NumPy epoch: consecutive batches of 32, no shuffling or evaluation.
  const params = initParams(config, 0);
  const ws = createWorkspace(config, 32),
    wsTail = createWorkspace(config, X.rows % 32);
  const batches = Array.from({ length: Math.ceil(X.rows / 32) }, (_, b) => {
    const idx = Array.from({ length: Math.min(32, X.rows - 32 * b) }, (_, i) => 32 * b + i);
    return [rowSlice(X, idx), rowSlice(data.Y, idx)] as const;
  });
  const oursEpoch = timeMs(
    () => {
      for (const [bx, by] of batches) {
        const w = bx.rows === 32 ? ws : wsTail;
        forwardInto(config, params, bx, w);
        backwardInto(config, params, bx, by, 0, w);
        params.weights.forEach((m, l) => axpy(m.data.length, -0.05, w.gradW[l].data, m.data));
        params.biases.forEach((m, l) => axpy(m.data.length, -0.05, w.gradB[l].data, m.data));
      }
    },
    20,
    3,
  );
  const trainEpoch = timeMs(
    () => void train(config, initParams(config, 0), data, { lr: 0.05, epochs: 1, batchSize: 32 }),
    10,
    2,
  );
  const np = numpy();
  const cpu = await tfjsStepMs('cpu', 20);
  const cpuEpoch = await tfjsEpochMs('cpu', X, digits.labels, 10, 64, 32, 3);
  const wasm = await tfjsStepMs('wasm', 50);
  const wasmEpoch = await tfjsEpochMs('wasm', X, digits.labels, 10, 64, 32, 5);
  const stepText = (name: string, step: number) =>
    `${name.padEnd(26)} step ${fmt(step).padStart(10)}  (${(step / ours).toFixed(2)}× nncheck)`;
  const row = (name: string, step: number, epoch: number) =>
    console.log(`${stepText(name, step)}   digits epoch ${fmt(epoch).padStart(10)}`);
  console.log('784-128-10 ReLU step, batch 64; digits epoch 64-64-10, batch 32 (median of repeated runs)');
  row('nncheck (float64, SIMD)', ours, oursEpoch);
  console.log(stepText('nncheck, JS kernels only', oursJs));
  if (typeof np === 'string') console.log(np);
  else row('NumPy 1 thread (float64)', np.stepMs, np.epochMs);
  row('TF.js wasm (float32)', wasm, wasmEpoch);
  row('TF.js cpu (float32)', cpu, cpuEpoch);
  console.log(`nncheck train() epoch with shuffling and the per-epoch loss/accuracy pass: ${fmt(trainEpoch)}`);
  const stepFlop = 2 * 64 * (784 * 128 * 2 + 128 * 10 * 3);
  console.log(
    `nncheck: ${(stepFlop / ours / 1e6).toFixed(2)} GFLOP/s on the step's ${(stepFlop / 1e6).toFixed(1)} MFLOP`,
  );
  const out: Record<string, number> = {
    nncheckStepMs: ours,
    nncheckJsStepMs: oursJs,
    nncheckEpochMs: oursEpoch,
    tfjsCpuStepMs: cpu,
    tfjsWasmStepMs: wasm,
  };
  if (typeof np !== 'string') {
    out.numpyStepMs = np.stepMs;
    console.log(`nncheck / NumPy digits epoch ratio: ${(oursEpoch / np.epochMs).toFixed(2)}`);
    console.log(`nncheck / NumPy step ratio: ${(ours / np.stepMs).toFixed(2)} (target ≤ 3)`);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchTrainStep();
