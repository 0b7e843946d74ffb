/**
 * Issue 3's benchmark: verify every gradient of a 784-128-10 ReLU network (~100k parameters,
 * batch 64) and localise one corrupted entry, against a full per-entry central-difference
 * check whose per-entry cost is measured on a sample and extrapolated.
 * Run: npm run bench -- gradcheck   (NNCHECK_BENCH_SEEDS=N to change the 100 seeds)
 */
import { zeros, type Matrix } from '../src/core/matrix.ts';
import { oneHot } from '../src/data/dataset.ts';
import { createRng } from '../src/random/rng.ts';
import { referenceImplementation } from '../src/impl/reference.ts';
import type { NetworkImplementation } from '../src/impl/implementation.ts';
import { networkObjective } from '../src/impl/objective.ts';
import { checkGradients } from '../src/gradcheck/check.ts';
import { mlpConfig } from '../src/nn/mlp.ts';
import { fromLayout } from '../src/nn/layouts.ts';
import { loss } from '../src/nn/forward.ts';

function corrupted(base: NetworkImplementation, tensor: number, index: number, delta: number): NetworkImplementation {
  return {
    ...base,
    async gradients(p: Matrix[], X: Matrix, Y: Matrix, lam: number) {
      const g = await base.gradients(p, X, Y, lam);
      g[tensor].data[index] += delta;
      return g;
    },
  };
}

export async function benchGradcheck(
  seeds = Number(process.env.NNCHECK_BENCH_SEEDS ?? 100),
): Promise<Record<string, number>> {
  const base = referenceImplementation('relu');
  const rng = createRng('bench-gradcheck');
  const X = zeros(64, 784);
  for (let i = 0; i < X.data.length; i++) X.data[i] = rng.uniform();
  const Y = oneHot(
    Array.from({ length: 64 }, (_, i) => i % 10),
    10,
  );
  const params = await base.initParams(784, 128, 10, 0);
  const sizes = params.map((m) => m.data.length);
  const n = sizes.reduce((a, b) => a + b, 0);

  // A full per-entry check (cs231n style: θ_i ± h in place, 2 forward passes per entry) with
  // the same kernels, timed on 200 entries of W1 and extrapolated.
  const obj = networkObjective(base, params, X, Y, 0);
  const sample = 200;
  const config = mlpConfig(784, 128, 10, 'relu');
  const mp = fromLayout(
    params.map((m) => ({ ...m, data: m.data.slice() })),
    'separate',
  );
  const t0 = performance.now();
  for (let k = 0; k < sample; k++) {
    const w = mp.weights[0].data,
      i = (k * 499) % w.length,
      x = w[i];
    w[i] = x + 1e-5;
    const lp = loss(config, mp, X, Y);
    w[i] = x - 1e-5;
    const lm = loss(config, mp, X, Y);
    w[i] = x;
    if (!Number.isFinite(lp - lm)) throw new Error('non-finite loss in the per-entry timing');
  }
  const perEntryMs = (performance.now() - t0) / sample;
  const fullMs = perEntryMs * n;

  const clean = await checkGradients(obj, { seed: 0 });
  let found = 0,
    worstMs = 0,
    worstEvals = 0,
    sumMs = 0,
    sumEvals = 0;
  for (let s = 0; s < seeds; s++) {
    const r0 = createRng(`corrupt/${s}`);
    let tensor = 0;
    let idx = r0.int(n);
    while (idx >= sizes[tensor]) {
      idx -= sizes[tensor];
      tensor++;
    }
    const impl = corrupted(base, tensor, idx, 1e-4 * (1 + r0.uniform()));
    const r = await checkGradients(networkObjective(impl, params, X, Y, 0), { seed: s, taylor: false });
    const names = ['W1', 'b1', 'W2', 'b2'];
    const cols = params[tensor].cols;
    const hit =
      r.wrongEntries.length === 1 &&
      r.wrongEntries[0].tensor === names[tensor] &&
      r.wrongEntries[0].row === Math.floor(idx / cols) &&
      r.wrongEntries[0].col === idx % cols;
    if (hit) found++;
    else
      console.log(
        `  seed ${s}: corrupted ${names[tensor]}[${Math.floor(idx / cols)}, ${idx % cols}], ` +
          `reported ${JSON.stringify(r.wrongEntries.map((e) => [e.tensor, e.row, e.col]))}`,
      );
    const evals = r.evaluations.losses;
    worstMs = Math.max(worstMs, r.ms);
    worstEvals = Math.max(worstEvals, evals);
    sumMs += r.ms;
    sumEvals += evals;
  }
  console.log(`784-128-10 ReLU, batch 64, ${n} parameters`);
  console.log(
    `clean network: ${clean.verdict}, ${clean.evaluations.losses} loss evaluations, ${clean.ms.toFixed(0)} ms`,
  );
  const meanEvals = sumEvals / seeds,
    meanMs = sumMs / seeds;
  console.log(
    `verify + localise one corrupted entry over ${seeds} seeds: found ${found}/${seeds}; ` +
      `mean ${meanEvals.toFixed(0)} (max ${worstEvals}) loss evaluations, ` +
      `mean ${meanMs.toFixed(0)} ms (max ${worstMs.toFixed(0)} ms)`,
  );
  console.log(
    `full per-entry check: ${perEntryMs.toFixed(2)} ms per entry (2 evaluations) → ${2 * n} evaluations, ` +
      `${(fullMs / 1000).toFixed(0)} s extrapolated`,
  );
  console.log(`ratio: ${(fullMs / meanMs).toFixed(0)}× faster, ${((2 * n) / meanEvals).toFixed(0)}× fewer evaluations`);
  return {
    found,
    seeds,
    meanMs: sumMs / seeds,
    maxMs: worstMs,
    meanEvals: sumEvals / seeds,
    maxEvals: worstEvals,
    fullMs,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) await benchGradcheck();
