/**
 * The array cache's figures for bench/bridge.ts: the same calls through a bridge that sends
 * every array (as before the cache) and through one that keeps large arrays, interleaved
 * round by round so both see the same load.
 */
import { fileURLToPath } from 'node:url';
import type { Matrix } from '../src/core/matrix.ts';
import { loadPythonModule } from '../src/impl/python/python-module.ts';
import { NO_CACHE } from '../src/impl/python/sent-arrays.ts';
import { flatten, unflatten } from '../src/impl/objective.ts';
import { pointOf, rademacherProbe, range } from '../src/gradcheck/probes.ts';
import { createRng } from '../src/random/rng.ts';
import { SPIN_ENV } from '../src/impl/python/spin.ts';

export interface CacheRow {
  key: string;
  label: string;
  kind: 'loss' | 'gradients' | 'overhead';
  /** How many direct calls the row's round trip does the work of. */
  calls: number;
  ms: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const NULL_LOSS = fileURLToPath(new URL('./null_loss.py', import.meta.url));

export async function cacheSideBySide(file: string, X: Matrix, Y: Matrix, rounds = 10, perRound = 10) {
  const plain = await loadPythonModule(file, { cacheLimits: NO_CACHE });
  const cached = await loadPythonModule(file);
  // The same network with a loss that does nothing: what is left is the bridge's own cost.
  const nullPlain = await loadPythonModule(NULL_LOSS, { cacheLimits: NO_CACHE });
  const nullCached = await loadPythonModule(NULL_LOSS);
  // The same cache with a bridge that blocks for each request instead of polling (see spin.ts).
  const polling = process.env[SPIN_ENV];
  process.env[SPIN_ENV] = '0';
  const blocking = await loadPythonModule(file);
  if (polling === undefined) delete process.env[SPIN_ENV];
  else process.env[SPIN_ENV] = polling;
  const [D, K] = [X.cols, Y.cols];
  const params = await plain.initParams(D, 128, K, 0);
  const shapes = params.map((m) => ({ rows: m.rows, cols: m.cols }));
  // Parameters that change between calls (as in training): one entry moves each time.
  const moving = params.map((m) => ({ ...m, data: m.data.slice() }));
  let tick = 0;
  const move = () => {
    moving[0].data[0] += 2 ** -30 * ++tick;
    return moving;
  };
  const theta = flatten(params);
  const probe = rademacherProbe(createRng('bench-bridge/probe'), range(0, theta.length), theta);
  const step = Math.cbrt(2 ** -53);
  const estimate = [step, -step, step / 2, -step / 2].map((t) => ({ probe, step: t }));
  const cases: (CacheRow & { run: () => Promise<unknown> })[] = [
    row('overheadSentMs', "the bridge's own cost (a loss doing nothing): arrays sent", 'overhead', () =>
      nullPlain.loss(params, X, Y, 0),
    ),
    row('overheadKeptMs', "the bridge's own cost (a loss doing nothing): arrays kept", 'overhead', () =>
      nullCached.loss(params, X, Y, 0),
    ),
    row('lossSentMs', 'loss(): every array sent (as before the cache)', 'loss', () => plain.loss(params, X, Y, 0)),
    row('lossMovingMs', 'loss(): X, Y kept; parameters that change sent', 'loss', () => cached.loss(move(), X, Y, 0)),
    row('lossKeptMs', 'loss(): X, Y and unchanged parameters kept', 'loss', () => cached.loss(params, X, Y, 0)),
    row('lossKeptBlockingMs', 'loss(): the same, the bridge blocking instead of polling', 'loss', () =>
      blocking.loss(params, X, Y, 0),
    ),
    row('lossAlongMs', 'loss() at θ + h·v, sent as (base, direction, step)', 'loss', () =>
      cached.lossesAlong!(shapes, theta, [{ probe, step }], X, Y, 0),
    ),
    row(
      'estimateSentMs',
      '4 losses of a directional estimate: points sent (loss_many)',
      'loss',
      () =>
        plain.lossMany!(
          estimate.map((m) => unflatten(pointOf(theta, m), shapes)),
          X,
          Y,
          0,
        ),
      4,
    ),
    row(
      'estimateAlongMs',
      '4 losses of a directional estimate: (base, direction, steps)',
      'loss',
      () => cached.lossesAlong!(shapes, theta, estimate, X, Y, 0),
      4,
    ),
    row('gradientsSentMs', 'gradients(): every array sent', 'gradients', () => plain.gradients(params, X, Y, 0)),
    row('gradientsKeptMs', 'gradients(): X, Y and unchanged parameters kept', 'gradients', () =>
      cached.gradients(params, X, Y, 0),
    ),
  ];
  const samples = cases.map(() => [] as number[]);
  for (const c of cases) for (let i = 0; i < 3; i++) await c.run(); // warm up, fill the cache
  for (let r = 0; r < rounds; r++) {
    for (const [k, c] of cases.entries()) {
      for (let i = 0; i < perRound; i++) {
        const t = performance.now();
        await c.run();
        samples[k].push(performance.now() - t);
      }
    }
  }
  for (const impl of [plain, cached, nullPlain, nullCached, blocking]) await impl.close!();
  return {
    reps: rounds * perRound,
    rows: cases.map(({ key, label, kind, calls }, k): CacheRow => ({
      key,
      label,
      kind,
      calls,
      ms: median(samples[k]),
    })),
  };
}

function row(key: string, label: string, kind: CacheRow['kind'], run: () => Promise<unknown>, calls = 1) {
  return { key, label, kind, calls, ms: 0, run };
}
