/** The console's last line counts failed checks in defects, as the diagnosis headline above it does. */
import { describe, it, expect } from 'vitest';
import { formatSummary } from '../../src/reporters/format-finding.ts';
import { runCli } from '../helpers/run-cli.ts';

const summary = { total: 54, passed: 51, failed: 3, errors: 0, bugs: 0, warnings: 3, infos: 7 };

describe('summary line', () => {
  it('with the diagnosis, three failing findings of two warning defects read as two warnings', () => {
    expect(formatSummary(summary, 13.8, 'no defects found and 2 warnings')).toBe(
      '51 passed, 3 failed (no defects found and 2 warnings), 7 notes, in 13.8 s',
    );
  });
  it('without one (no diagnosis to agree with), it counts findings by severity as before', () => {
    expect(formatSummary(summary, 13.8)).toBe('51 passed, 3 failed (0 bugs, 3 warnings), 7 notes, in 13.8 s');
  });
  it('nncheck check: one defect shown by two failing checks is one defect in the headline and the last line', () => {
    const r = runCli(['check', 'fixtures/scripts/mutants/sigmoid_fullbatch_no_max_softmax.py', '--runs', '50']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('1 defect found');
    expect(r.stdout).toMatch(/^\d+ passed, 2 failed \(1 defect found\), /m);
  }, 120_000);
});
