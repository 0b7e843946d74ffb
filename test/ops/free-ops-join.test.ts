import { describe, it, expect } from 'vitest';
import { checkImplementation } from '../../src/api/check.ts';
import { diagnose } from '../../src/diagnosis/diagnose.ts';
import { SUITES } from '../../properties/suites/index.ts';
import { opsSuite } from '../../properties/suites/ops/index.ts';

const settings = { seed: 42, runs: 30 };

describe('a file with both free ops and a network contract (issue 17, item 4)', () => {
  it('checks both, and the global-max softmax seen through softmax() and through forward() is one defect', async () => {
    const report = await checkImplementation('examples/numpy_four_defects.py', {
      catalogue: SUITES,
      suites: ['softmax', 'ops'],
      settings,
      ops: { suite: opsSuite },
    });
    const viaOp = report.findings.filter((f) => f.suite === 'ops' && f.cause === 'global-max-softmax');
    const viaForward = report.findings.filter((f) => f.suite === 'softmax' && f.cause === 'global-max-softmax');
    expect(viaOp.length).toBeGreaterThan(0);
    expect(viaForward.length).toBeGreaterThan(0);
    const defects = diagnose(report.findings).filter((d) => d.cause === 'global-max-softmax');
    expect(defects).toHaveLength(1);
    const suites = new Set(defects[0].findings.map((i) => report.findings[i].suite));
    expect([...suites].sort()).toEqual(['ops', 'softmax']);
    expect(report.subjects[0].notes.join('\n')).toMatch(/recognised softmax\(z\) as a softmax over rows/);
  }, 120_000);
  it('a script of free ops alone needs no contract: no setup error, the subject says so', async () => {
    const report = await checkImplementation('fixtures/scripts/four_defects_script_fixed.py', {
      catalogue: SUITES,
      settings,
      ops: { suite: opsSuite },
    });
    expect(report.subjects[0].layout).toMatch(/free functions/);
    expect(report.summary.exitCode).toBe(0);
    expect(report.findings.filter((f) => f.suite === 'ops').length).toBeGreaterThan(5);
  }, 120_000);
});
