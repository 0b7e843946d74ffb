/**
 * −log p taken after the softmax: the defect's headline says p underflows to 0 and the loss to Inf,
 * so its counterexample must show that, not a finite case whose excess over the tolerance is the
 * rounding of a subnormal p (the shrinker used to walk to 5.03e-12 against a tolerance of 5.02e-12).
 * A finite error beyond that rounding is still reported.
 */
import { describe, it, expect } from 'vitest';
import { loadImplementation } from '../../src/impl/load.ts';
import { runSuites } from '../../src/engine/run-suites.ts';
import { SUITES } from '../../properties/suites/index.ts';

const STABLE = 'cross-entropy.stable-log-p';

async function stableLogP(file: string, path?: string) {
  const impl = await loadImplementation(file);
  try {
    const [f] = await runSuites(
      { impl },
      { catalogue: SUITES, suites: ['cross-entropy'], property: STABLE, settings: { seed: 42, runs: 100, path } },
    );
    return f;
  } finally {
    await impl.close?.();
  }
}

describe('the student network whose loss is −log(probs[range(N), y])', () => {
  const file = 'fixtures/zoo/student_cache_net.py';
  it('is a warning whose shrunk counterexample shows the Inf its cause names', async () => {
    const f = await stableLogP(file);
    expect(f.verdict).toBe('fail');
    expect(f.severity).toBe('warning');
    expect(f.cause).toBe('log-after-shift');
    expect(f.numbers?.loss).toBe(Infinity);
    expect(f.message).toMatch(/loss is Infinity where the stable value is/);
  }, 120_000);
  it('passes the old shrunk case: p[label] = 5.4e-314 is subnormal and its rounding is the whole excess', async () => {
    // Logits [[1000, 1721.33], [0, 0], [0, 0]]: |loss − stable| = 5.03e-12 against a tolerance of
    // 5.02e-12 (log-sum-exp itself is off by 3.7e-14 there); −log p's subnormal share is 3.1e-11.
    const old = '1:2:9:1:5:2:0:0:0:0:0:0:0:1:0:0:0:0:0:0:1:0:1:1:0:0:0:0:1:0:1:0:0:0:0:0:0:0:0:0:0:1:0:0:0';
    const f = await stableLogP(file, old);
    expect(f.verdict).toBe('pass');
  }, 120_000);
});

describe('a finite error beyond subnormal rounding is still caught', () => {
  it('halving a subnormal p (log off by log 2) fails at a finite loss', async () => {
    const f = await stableLogP('fixtures/mutants/python/subnormal_p_halved.py');
    expect(f.verdict).toBe('fail');
    expect(Number.isFinite(f.numbers?.loss)).toBe(true);
    expect(f.message).toMatch(/differs from the stable value/);
  }, 120_000);
});
