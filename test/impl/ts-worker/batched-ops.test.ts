import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { rowSlice, zeros, type Matrix } from '../../../src/core/matrix.ts';
import { loadBuiltin } from '../../../src/data/builtin.ts';
import { oneHot } from '../../../src/data/dataset.ts';
import { prepare } from '../../../src/data/preprocess.ts';
import type { NetworkImplementation } from '../../../src/impl/implementation.ts';
import { loadImplementation } from '../../../src/impl/load.ts';
import { prefetchForwards, prefetchGradients, prefetchLosses } from '../../../src/impl/prefetch.ts';
import { sgd, type SgdOptions } from '../../../src/impl/sgd.ts';

/**
 * The Node process running a TypeScript module makes many calls per round trip (callMany,
 * sgdChunk): each must read exactly as the calls made one by one, faults included.
 */
const REPO = resolve(import.meta.dirname, '../../..');
const BASE = join(REPO, 'examples/ts_network.ts');
const dir = mkdtempSync(join(tmpdir(), 'nncheck-ts-batched-'));
const variant = (name: string, body: string) => {
  const file = join(dir, `${name}.ts`);
  writeFileSync(
    file,
    `import * as base from ${JSON.stringify(BASE)};\nexport * from ${JSON.stringify(BASE)};\n${body}`,
  );
  return file;
};
const M = 'number[][]';
const FILES: Record<string, string> = {
  correct: BASE,
  class: join(REPO, 'fixtures/zoo/ts_class_relu.ts'),
  // Throws on the short last mini-batch (24 rows) and on the row that starts with 3 read alone:
  // faults surface where they would one by one.
  raises: variant(
    'raises',
    `const bad = (X: ${M}) => {
  if (X.length === 24 || (X.length === 1 && X[0][0] === 3)) throw new Error('bad rows');
};
export const forward = (p: ${M}[], X: ${M}) => { bad(X); return base.forward(p, X); };
export const loss = (p: ${M}[], X: ${M}, Y: ${M}, l: number) => { bad(X); return base.loss(p, X, Y, l); };
export const gradients = (p: ${M}[], X: ${M}, Y: ${M}, l: number) => { bad(X); return base.gradients(p, X, Y, l); };\n`,
  ),
  // Writes into its arguments on some calls: the write is written back, as one by one.
  mutates: variant(
    'mutates',
    `export const forward = (p: ${M}[], X: ${M}) => { if (X.length > 1) X[0][0] += 1; return base.forward(p, X); };
export const loss = (p: ${M}[], X: ${M}, Y: ${M}, l: number) => {
  if (X.length > 1) X[0][0] += 1;
  return base.loss(p, X, Y, l);
};
export const gradients = (p: ${M}[], X: ${M}, Y: ${M}, l: number) => {
  const g = base.gradients(p, X, Y, l);
  if (X[0][0] > 0.5) p[1][0][0] += 0.001;
  return g;
};\n`,
  ),
  // Returns garbage on the same inputs: a string for loss(), nothing for gradients().
  garbage: variant(
    'garbage',
    `const bad = (X: ${M}) => X.length === 24 || (X.length === 1 && X[0][0] === 3);
export const loss = (p: ${M}[], X: ${M}, Y: ${M}, l: number) =>
  bad(X) ? base.loss(p, X, Y, l).toFixed(3) : base.loss(p, X, Y, l);
export const gradients = (p: ${M}[], X: ${M}, Y: ${M}, l: number) =>
  bad(X) ? undefined : base.gradients(p, X, Y, l);\n`,
  ),
  // A bias gradient as a column: accepted by the contract (noted once), realigned there.
  column: variant(
    'column',
    `export const gradients = (p: ${M}[], X: ${M}, Y: ${M}, l: number) => {
  const g = base.gradients(p, X, Y, l);
  return [g[0], g[1][0].map((v) => [v]), g[2], g[3]];
};\n`,
  ),
};

const opened: NetworkImplementation[] = [];
afterAll(async () => {
  for (const i of opened) await i.close?.();
});
const load = async (file: string, timeoutMs?: number) => {
  const impl = await loadImplementation(file, { timeoutMs });
  opened.push(impl);
  return impl;
};
const flat = (ms: Matrix[]) => ms.flatMap((m) => [...m.data]);

/** A small slice of digits (120 rows: 3 full mini-batches and a short one of 24). */
function digits(rows = 120) {
  const { train: d } = prepare(loadBuiltin('digits', 0), { seed: 0 });
  const X = { rows, cols: d.X.cols, data: d.X.data.slice(0, rows * d.X.cols) };
  const labels = d.labels.slice(0, rows);
  return { X, Y: oneHot(labels, 10), labels };
}

/** One run of nncheck's SGD loop; what a report could show of it. */
async function train(impl: NetworkImplementation, o: Partial<SgdOptions> = {}) {
  const { X, Y, labels } = digits();
  const init = await impl.initParams(64, 16, 10, 0);
  const seen: { epoch: number; params: number[]; grads: number[] }[] = [];
  let result, error: string | undefined;
  try {
    result = await sgd(impl, init, X, Y, labels, {
      lr: 0.1,
      epochs: 3,
      batchSize: 32,
      seed: 0,
      onEpoch: (epoch, _l, _a, params, grads) => {
        seen.push({ epoch, params: flat(params), grads: flat(grads) });
      },
      ...o,
    });
  } catch (e) {
    error = (e as Error).message;
  }
  return {
    error,
    history: result?.history,
    divergedAt: result?.divergedAt,
    params: result ? flat(result.params) : undefined,
    seen,
    notes: [...impl.notes],
    incidents: impl.incidents?.length,
  };
}

describe('nncheck SGD loop run in the Node process next to a TypeScript module (sgdChunk)', () => {
  for (const [name, file] of Object.entries(FILES)) {
    it(`${name}: the same parameters, history, observer calls, notes and faults as call by call`, async () => {
      const impl = await load(file);
      expect(impl.sgdChunk).toBeDefined();
      const fast = await train(impl);
      const slow = await train({ ...(await load(file)), sgdChunk: undefined });
      expect(fast).toEqual(slow);
      if (name === 'raises') expect(fast.error).toMatch(/bad rows/);
      else if (name === 'garbage') expect(fast.error).toMatch(/returned nothing/);
      else expect(fast.history).toHaveLength(3);
      if (name === 'column') expect(fast.notes.join('\n')).toMatch(/singleton dimensions/);
    }, 120_000);
  }

  it('a gradients() that writes into its parameters on some steps: the same run as call by call', async () => {
    // The request hands its own parameters to each call: a call that wrote into them must leave them as they were.
    const writes = variant(
      'writes_params',
      `export const gradients = (p: ${M}[], X: ${M}, Y: ${M}, l: number) => {
  const g = base.gradients(p, X, Y, l);
  if (X.length === 32 && X[0][2] > 0) p[0][0][0] += 0.001;
  return g;
};\n`,
    );
    const fast = await train(await load(writes));
    const slow = await train({ ...(await load(writes)), sgdChunk: undefined });
    expect(fast).toEqual(slow);
    expect(fast.error).toBeUndefined();
    // The writes happened: the run is not the one of the module that does not write.
    expect(fast.params).not.toEqual((await train(await load(BASE))).params);
  }, 60_000);

  it('a run that diverges stops at the same epoch with the same (non-finite) losses', async () => {
    const o = { lr: 1e300, epochs: 6 };
    const fast = await train(await load(FILES.class), o);
    const slow = await train({ ...(await load(FILES.class)), sgdChunk: undefined }, o);
    expect(fast.divergedAt).not.toBeNull();
    expect(fast).toEqual(slow);
  }, 120_000);

  it('requests that may each take one step only still make progress and give the same run', async () => {
    const impl = await load(BASE);
    const stops: string[] = [];
    const oneStep: NetworkImplementation = {
      ...impl,
      sgdChunk: async (r) => {
        const c = await impl.sgdChunk!({ ...r, budgetS: 0 });
        if (c) stops.push(`${c.stop.phase} ${c.stop.reason}`);
        return c;
      },
    };
    const o = { epochs: 2, onEpoch: undefined };
    expect(await train(oneStep, o)).toEqual(await train({ ...impl, sgdChunk: undefined }, o));
    // 4 steps per epoch, one per request, then the evaluation (loss and forward together) alone.
    const epoch = ['steps time', 'steps time', 'steps time', 'eval time'];
    expect(stops).toEqual([...epoch, 'steps time', ...epoch, 'steps done']);
  }, 60_000);

  it("times out only when one call alone outlasts --timeout, whatever a request's calls take together", async () => {
    // loss() and forward() on the whole set take 0.9 s each (both in one request: 1.8 s), under a 1.5 s timeout.
    const slow = variant(
      'slow_eval',
      `const wait = (X: ${M}) => { const t = Date.now(); while (X.length === 120 && Date.now() - t < 900); };
export const forward = (p: ${M}[], X: ${M}) => { wait(X); return base.forward(p, X); };
export const loss = (p: ${M}[], X: ${M}, Y: ${M}, l: number) => { wait(X); return base.loss(p, X, Y, l); };\n`,
    );
    const impl = await load(slow, 1500);
    const o = { epochs: 1, onEpoch: undefined };
    const fast = await train(impl, o);
    expect(fast.error).toBeUndefined();
    expect(fast.incidents).toBe(0);
    expect(fast).toEqual(await train({ ...impl, sgdChunk: undefined }, o));
  }, 60_000);
});

/** Reads the batch and each row alone (twice over), as a property does; records results and the first fault. */
async function readAll(impl: NetworkImplementation, kind: 'forward' | 'loss' | 'gradients') {
  const X = zeros(5, 4);
  X.data.forEach((_, i) => (X.data[i] = Math.floor(i / 4) + (i % 4) / 10));
  const Y = oneHot([0, 1, 2, 0, 1], 3);
  const params = await impl.initParams(4, 5, 3, 1);
  const n = 2 * (X.rows + 1);
  const argsOf = (k: number) => {
    const r = (k % (X.rows + 1)) - 1;
    return { params, X: r < 0 ? X : rowSlice(X, [r]), Y: r < 0 ? Y : rowSlice(Y, [r]), lam: 0.1 };
  };
  const next: () => Promise<Matrix | number | Matrix[]> =
    kind === 'forward'
      ? prefetchForwards(impl, n, argsOf)
      : kind === 'loss'
        ? prefetchLosses(impl, n, argsOf)
        : prefetchGradients(impl, n, argsOf);
  const got: unknown[] = [];
  try {
    for (let k = 0; k < n; k++) {
      const v = await next();
      got.push(typeof v === 'number' ? v : Array.isArray(v) ? v.map((m) => [m.rows, m.cols, ...m.data]) : [...v.data]);
    }
  } catch (e) {
    got.push(`threw at ${got.length}: ${(e as Error).message}`);
  }
  return { got, X: [...X.data], params: flat(params), incidents: impl.incidents?.length, notes: [...impl.notes] };
}

describe('prefetched forward()/loss()/gradients() calls (callMany) of a TypeScript module read as one by one', () => {
  for (const [name, file] of Object.entries(FILES)) {
    for (const kind of ['forward', 'loss', 'gradients'] as const) {
      it(`${name}, ${kind}: the same results, fault at the same read, the same written-back input`, async () => {
        const impl = await load(file);
        let served = 0;
        const fast = await readAll(
          {
            ...impl,
            callMany: async (calls) => {
              const r = await impl.callMany!(calls);
              served += r?.results.length ?? 0;
              return r;
            },
          },
          kind,
        );
        const slow = await readAll({ ...(await load(file)), callMany: undefined }, kind);
        expect(fast).toEqual(slow);
        if (name === 'raises') expect(fast.got[4]).toMatch(/^threw at 4: .*bad rows/);
        else if (name === 'garbage' && kind !== 'forward') expect(fast.got[4]).toMatch(/^threw at 4: /);
        else expect(fast.got).toHaveLength(12);
        // The calls before a fault came in one request; every call of a clean run did.
        if (name === 'correct' || name === 'class') expect(served).toBe(12);
        else expect(served).toBeGreaterThan(0);
      }, 60_000);
    }
  }
});
