/**
 * Issue 5's benchmark: one loss and one gradients round trip through the Python bridge for a
 * 784-128-10 network at batch 64, against the same NumPy calls made directly in Python; and
 * the wall time of a full `nncheck check` of the NumPy example. Issue 15 adds the array cache
 * side by side in the same run: every array sent (as before the cache) against X and Y kept on
 * the Python side, and a gradient-check point sent as (base, direction, step).
 * Run: npm run bench -- bridge
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { zeros } from '../src/core/matrix.ts';
import { oneHot } from '../src/data/dataset.ts';
import { createRng } from '../src/random/rng.ts';
import { loadPythonModule } from '../src/impl/python/python-module.ts';
import { timeMsAsync, fmt } from './util.ts';
import { cacheSideBySide } from './bridge-cache.ts';
import { allowPolling, SPIN_ENV } from '../src/impl/python/spin.ts';

const EXAMPLE = fileURLToPath(new URL('../examples/numpy_network.py', import.meta.url));

export async function benchBridge(): Promise<Record<string, number>> {
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' };
  // Direct NumPy in three processes of its own, the median of each figure (one run varies by 20%).
  const runs = [0, 1, 2].map(() => {
    const direct = spawnSync('python3', [fileURLToPath(new URL('./bridge_direct.py', import.meta.url)), EXAMPLE], {
      encoding: 'utf8',
      env,
    });
    if (direct.status !== 0) throw new Error(`direct NumPy timing failed: ${direct.stderr}`);
    return JSON.parse(direct.stdout) as { gradientsMs: number; lossMs: number };
  });
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
  const d = { gradientsMs: mid(runs.map((r) => r.gradientsMs)), lossMs: mid(runs.map((r) => r.lossMs)) };
  Object.assign(process.env, { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' });
  allowPolling(); // as a single check's bridge runs (see src/impl/python/spin.ts)
  const impl = await loadPythonModule(EXAMPLE);
  const rng = createRng('bench-bridge');
  const X = zeros(64, 784);
  for (let i = 0; i < X.data.length; i++) X.data[i] = rng.uniform();
  const Y = oneHot(
    Array.from({ length: 64 }, (_, i) => i % 10),
    10,
  );
  const params = await impl.initParams(784, 128, 10, 0);
  const g = await timeMsAsync(
    async () => {
      await impl.gradients(params, X, Y, 0);
    },
    100,
    10,
  );
  const l = await timeMsAsync(
    async () => {
      await impl.loss(params, X, Y, 0);
    },
    100,
    10,
  );
  const many = await timeMsAsync(
    async () => {
      await impl.lossMany!(
        Array.from({ length: 8 }, () => params),
        X,
        Y,
        0,
      );
    },
    20,
    3,
  );
  await impl.close!();
  const cache = await cacheSideBySide(EXAMPLE, X, Y);
  const t0 = performance.now();
  const check = spawnSync(
    process.execPath,
    [fileURLToPath(new URL('../bin/nncheck.js', import.meta.url)), 'check', EXAMPLE, '--quiet'],
    { encoding: 'utf8' },
  );
  const checkS = (performance.now() - t0) / 1000;
  console.log(
    '784-128-10, batch 64 (parameters 814 KB, X 401 KB per call), OpenBLAS on one thread, ' +
      `the bridge polling for requests as in a single check (${SPIN_ENV}=${process.env[SPIN_ENV] ?? 'unset'})`,
  );
  const ratio = (g / d.gradientsMs).toFixed(2);
  console.log(`gradients(): direct ${fmt(d.gradientsMs)}, through the bridge ${fmt(g)}  → ${ratio}× (target < 2×)`);
  console.log(`loss():      direct ${fmt(d.lossMs)}, through the bridge ${fmt(l)}  → ${(l / d.lossMs).toFixed(2)}×`);
  console.log(`8 losses batched in one round trip: ${fmt(many)} (${fmt(many / 8)} each)`);
  console.log(`side by side, interleaved in this run (median of ${cache.reps} calls each), against direct NumPy:`);
  for (const row of cache.rows) {
    if (row.kind === 'overhead') {
      const ratio = (d.lossMs + row.ms) / d.lossMs;
      const label = row.label.padEnd(62);
      console.log(`  ${label} ${fmt(row.ms).padStart(9)}  → direct loss + this: ${ratio.toFixed(2)}×`);
      continue;
    }
    const direct = row.calls * (row.kind === 'gradients' ? d.gradientsMs : d.lossMs);
    const ratio = row.ms / direct;
    const mark = row.kind === 'loss' ? (ratio <= 2 ? ' (within the 2× target)' : ' (above the 2× target)') : '';
    console.log(`  ${row.label.padEnd(62)} ${fmt(row.ms).padStart(9)}  → ${ratio.toFixed(2)}×${mark}`);
  }
  console.log(
    `full nncheck check examples/numpy_network.py: ${checkS.toFixed(1)} s, exit ${check.status} (target < 30 s)`,
  );
  return {
    directGradientsMs: d.gradientsMs,
    bridgeGradientsMs: g,
    directLossMs: d.lossMs,
    bridgeLossMs: l,
    ...Object.fromEntries(cache.rows.map((r) => [r.key, r.ms])),
    checkSeconds: checkS,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) await benchBridge();
