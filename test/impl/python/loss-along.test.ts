import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPythonModule } from '../../../src/impl/python/python-module.ts';
import { networkObjective, unflatten } from '../../../src/impl/objective.ts';
import { checkGradients } from '../../../src/gradcheck/check.ts';
import { pointOf, rademacherProbe, range, subProbe, type Probe } from '../../../src/gradcheck/probes.ts';
import type { Move } from '../../../src/gradcheck/objective.ts';
import { createRng } from '../../../src/random/rng.ts';
import { smallProblem } from '../../helpers/network-case.ts';

let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers) await c();
  closers = [];
});

describe('losses at (base, direction, step) through the bridge', () => {
  it('equal, bit for bit, the losses at the points along() forms in JavaScript', async () => {
    // The fixture's loss is a digest of the bytes it receives: equal losses mean equal points.
    const impl = await loadPythonModule('fixtures/user/py_digest.py');
    closers.push(() => impl.close!());
    const { X, Y } = smallProblem(5, 20, 100, 10);
    const params = await impl.initParams(100, 40, 10, 5); // θ of 4450 entries: kept by the cache
    const shapes = params.map((m) => ({ rows: m.rows, cols: m.cols }));
    const base = new Float64Array(params.reduce((s, m) => s + m.data.length, 0));
    const rng = createRng('loss-along');
    for (let i = 0; i < base.length; i++) base[i] = i % 97 === 0 ? -0 : rng.normal() * 10 ** ((i % 7) - 3);
    const all = rademacherProbe(rng, range(0, base.length), base);
    const scattered: Probe = {
      indices: Int32Array.of(4000, 3, 17, 2500, 9, 4449),
      values: Float64Array.of(0.1, -3 * 2 ** -28, 7, 1e5, -0.3, 1 / 3),
    };
    const unit: Probe = { indices: Int32Array.of(1234), values: Float64Array.of(1) };
    const h = Math.cbrt(2 ** -53);
    const moves: Move[] = [];
    for (const probe of [all, subProbe(all, 100, 2000), subProbe(all, 7, 8), scattered, unit]) {
      for (const step of [h, -h, h / 2, -h / 2, (3 * h) / 1000, 0.1 * 2 ** -9]) moves.push({ probe, step });
    }
    moves.push({ probe: null, step: 0 });
    const along = await impl.lossesAlong!(shapes, base, moves, X, Y, 0.25);
    const points = await impl.lossMany!(
      moves.map((m) => unflatten(pointOf(base, m), shapes)),
      X,
      Y,
      0.25,
    );
    expect(along).toHaveLength(moves.length);
    expect(along).toEqual(points);
    expect(new Set(along).size).toBe(moves.length); // every point distinct, so the digests discriminate
    // Sent again, the base and the full-length direction are kept; the third time, named.
    expect(await impl.lossesAlong!(shapes, base, moves, X, Y, 0.25)).toEqual(points);
    const named = impl.bridge.sent.counts.named;
    expect(await impl.lossesAlong!(shapes, base, moves, X, Y, 0.25)).toEqual(points);
    expect(impl.bridge.sent.counts.named).toBeGreaterThanOrEqual(named + 2);
  });

  it('many requests in one round trip answer as each alone, bit for bit, and stop before one that raises', async () => {
    // The digest fixture, raising on a NaN in X.
    const file = join(mkdtempSync(join(tmpdir(), 'nncheck-along-')), 'digest_raises.py');
    const source = readFileSync('fixtures/user/py_digest.py', 'utf8');
    writeFileSync(
      file,
      source.replace(
        'def loss(params, X, Y, lam):\n',
        'def loss(params, X, Y, lam):\n    assert not np.isnan(X).any()\n',
      ),
    );
    const impl = await loadPythonModule(file);
    closers.push(() => impl.close!());
    const { X, Y } = smallProblem(4, 6, 5, 3);
    const params = await impl.initParams(5, 6, 3, 2);
    const shapes = params.map((m) => ({ rows: m.rows, cols: m.cols }));
    const rng = createRng('loss-along-many');
    const calls = [0, 1, 2].map((k) => {
      const base = Float64Array.from(
        params.flatMap((m) => [...m.data]),
        (v) => v + k * rng.normal(),
      );
      const probe = rademacherProbe(rng, range(0, base.length), base);
      return {
        shapes,
        base,
        moves: [
          { probe, step: 1e-5 },
          { probe, step: -1e-5 },
          { probe: null, step: 0 },
        ],
        X,
        Y,
        lam: 0.1,
      };
    });
    const alone = [];
    for (const c of calls) alone.push(await impl.lossesAlong!(c.shapes, c.base, c.moves, c.X, c.Y, c.lam));
    const many = await impl.lossesAlongMany!(calls);
    expect(many).toEqual({ results: alone, stop: 'done' });
    expect(new Set(alone.flat()).size).toBe(9);
    // A NaN in X makes it raise: the request stops there, and the caller makes that call alone.
    const bad = { ...calls[1], X: { ...X, data: X.data.map((v, i) => (i === 0 ? NaN : v)) } };
    expect(await impl.lossesAlongMany!([calls[0], bad, calls[2]])).toEqual({ results: [alone[0]], stop: 'replay' });
  });

  it('leave a whole gradient check unchanged (a file with defects: localisation, entry by entry)', async () => {
    const impl = await loadPythonModule('examples/numpy_four_defects.py');
    closers.push(() => impl.close!());
    const { X, Y } = smallProblem(6, 12, 5, 3);
    const params = await impl.initParams(5, 6, 3, 6);
    const obj = networkObjective(impl, params, X, Y, 0.1);
    expect(obj.lossesAlong).toBeDefined();
    const withMoves = await checkGradients(obj);
    const withPoints = await checkGradients({ ...obj, lossesAlong: undefined });
    expect(withMoves.verdict).toBe('fail');
    expect({ ...withMoves, ms: 0 }).toEqual({ ...withPoints, ms: 0 });
  });
});
