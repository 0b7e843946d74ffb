/**
 * An epsilon inside the log of cross-entropy (−log(p + 1e-12)) is finite but inaccurate: a warning
 * that names it, never a bug, including the gradient disagreement it causes, which the checker
 * accepts only when the epsilon predicts the slope gap it measures. Real bugs next to an epsilon
 * stay bugs.
 */
import { describe, it, expect } from 'vitest';
import { loadImplementation } from '../../src/impl/load.ts';
import { runSuites } from '../../src/engine/run-suites.ts';
import { SUITES } from '../../properties/suites/index.ts';
import { diagnose } from '../../src/diagnosis/diagnose.ts';
import { isFailure, type Finding } from '../../src/findings/finding.ts';

const CORRECT = 'fixtures/zoo/leaky_relu_onehot_eps_log.py';
const MUTANTS = 'fixtures/mutants/python';

async function run(file: string, suites: string[], o: { property?: string; path?: string; runs?: number } = {}) {
  const impl = await loadImplementation(file);
  try {
    return await runSuites(
      { impl },
      { catalogue: SUITES, suites, property: o.property, settings: { seed: 42, runs: o.runs ?? 100, path: o.path } },
    );
  } finally {
    await impl.close?.();
  }
}
const failed = (fs: Finding[]) => fs.filter(isFailure);

describe('cross-entropy with 1e-12 inside the log (a correct network)', () => {
  it('the gradient disagreement at the case that was a bug is a warning the epsilon predicts', async () => {
    // The shrunk case of `nncheck check e_adapter.py` (seed 42): integer inputs give p[label] near 1e-12.
    const [f] = await run(CORRECT, ['gradients'], { property: 'gradients.match-finite-differences', path: '3:0:23:5' });
    expect(f.verdict).toBe('fail');
    expect(f.severity).toBe('warning');
    expect(f.cause).toBe('clipped-log');
    expect(f.message).toMatch(/log\(p \+ 1e-12\)/);
    const n = f.numbers as Record<string, number>;
    expect(String(n.eps)).toBe('1e-12');
    // The numbers decide: the slope gap measured is the one −log(p + eps) predicts.
    expect(n.observedGap / n.predictedGap).toBeCloseTo(1, 2);
    expect(Math.abs(n.observedGap)).toBeGreaterThan(0);
  }, 120_000);
  it('no bug in the loss checks: log K and non-negativity hold up to the epsilon the warning names', async () => {
    const fs = await run(CORRECT, ['cross-entropy']);
    expect(failed(fs).map((f) => [f.id, f.severity, f.cause])).toEqual([
      ['cross-entropy.stable-log-p', 'warning', 'clipped-log'],
    ]);
    expect(fs.find((f) => f.id === 'cross-entropy.log-k-at-zero-logits')?.verdict).toBe('pass');
    expect(fs.find((f) => f.id === 'cross-entropy.finite-non-negative')?.verdict).toBe('pass');
  }, 120_000);
  it('is one warning defect, clipped-log, for the loss and the gradient together', async () => {
    const fs = [
      ...(await run(CORRECT, ['cross-entropy'])),
      ...(await run(CORRECT, ['gradients'], { property: 'gradients.match-finite-differences', path: '3:0:23:5' })),
    ];
    expect(diagnose(fs).map((d) => [d.cause, d.severity, d.findings.length])).toEqual([['clipped-log', 'warning', 2]]);
  }, 120_000);
});

describe('real bugs beside the epsilon stay bugs', () => {
  it('an output delta not divided by N fails the gradient check as a bug', async () => {
    const fs = await run(`${MUTANTS}/eps_log_missing_mean.py`, ['gradients'], { runs: 20 });
    const f = failed(fs).find((x) => x.id === 'gradients.match-finite-differences');
    expect(f?.severity).toBe('bug');
    expect(f?.cause).not.toBe('clipped-log');
  }, 120_000);
  it('a loss summed over rows is not log K at zero logits: a bug', async () => {
    const fs = await run(`${MUTANTS}/eps_log_summed.py`, ['cross-entropy'], { runs: 20 });
    const f = failed(fs).find((x) => x.id === 'cross-entropy.log-k-at-zero-logits');
    expect(f?.severity).toBe('bug');
  }, 120_000);
  it('a softmax without the max still gives a non-finite loss: a bug', async () => {
    const fs = await run(`${MUTANTS}/eps_log_no_max.py`, ['cross-entropy'], { runs: 20 });
    const f = failed(fs).find((x) => x.id === 'cross-entropy.finite-non-negative');
    expect(f?.severity).toBe('bug');
  }, 120_000);
});
