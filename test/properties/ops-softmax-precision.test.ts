/**
 * A free softmax is judged at the precision its result has (the dtype the bridge reports), and
 * one overflow is one finding: a row that is NaN even alone is not also a batch effect.
 */
import { describe, it, expect } from 'vitest';
import { checkFreeOps } from '../../src/api/check-ops.ts';
import { opsSuite } from '../../properties/suites/ops/index.ts';
import { isFailure } from '../../src/findings/finding.ts';
import { diagnose } from '../../src/diagnosis/diagnose.ts';

const SCRIPTS = 'fixtures/scripts';
const ops = (file: string, seed: number, o: { property?: string; path?: string; runs?: number } = {}) =>
  checkFreeOps(file, {
    suite: opsSuite,
    settings: { seed, runs: o.runs ?? 100, path: o.path },
    property: o.property,
    timeoutMs: 60_000,
  });
const failures = (r: Awaited<ReturnType<typeof ops>>) => r.findings.filter(isFailure);

describe('a float64 log-softmax whose outputs happen to be float32 numbers', () => {
  const file = `${SCRIPTS}/float32_tanh_logsumexp.py`;
  it('passes the shift check at the case the values-only precision got wrong (seed 1)', async () => {
    // Before: logits [0,0,0,0,0,32.108…] + 800 gave log-probabilities that are float32 numbers by
    // chance; read as float32 they were rounded to float32 and judged at float64's tolerance.
    const r = await ops(file, 1, {
      property: 'ops.softmax-shift-invariant:log_softmax',
      path: '54:4:0:0:0:0:11:3:0:0:1:40:0:0:1',
    });
    expect(r.findings.map((f) => `${f.verdict} ${f.message}`)).toEqual([
      expect.stringMatching(/^pass /) as unknown as string,
    ]);
  }, 60_000);
  it.each([1, 7])(
    'passes every ops check at seed %i',
    async (seed) => {
      expect(failures(await ops(file, seed)).map((f) => f.message)).toEqual([]);
    },
    60_000,
  );
});

describe('mutants the precision must not hide', () => {
  it('a float32 log-softmax without the max fails the shift check', async () => {
    const r = await ops(`${SCRIPTS}/mutants/float32_log_softmax_no_max.py`, 1);
    const ids = failures(r).map((f) => f.id);
    expect(ids).toContain('ops.softmax-shift-invariant:log_softmax');
    expect(failures(r).every((f) => f.severity === 'bug')).toBe(true);
  }, 60_000);
  it('a softmax with one max for the batch fails batch independence (the row alone is fine)', async () => {
    const r = await ops(`${SCRIPTS}/mutants/global_max_softmax.py`, 1);
    const f = failures(r).find((x) => x.id === 'ops.softmax-examples-independent:softmax');
    expect(f?.cause).toBe('global-max-softmax');
    expect(f?.message).toMatch(/in the batch but (?!NaN)/);
  }, 60_000);
});

describe('a softmax without the max (an outsider file): one defect, told coherently', () => {
  it('is one bug defect; batch independence does not repeat the NaN the row gives alone', async () => {
    const r = await ops(`${SCRIPTS}/mutants/sigmoid_fullbatch_no_max_softmax.py`, 42);
    const failed = failures(r);
    expect(failed.map((f) => f.id).sort()).toEqual([
      'ops.softmax-finite:softmax',
      'ops.softmax-shift-invariant:softmax',
    ]);
    expect(failed.every((f) => f.severity === 'bug' && f.cause === 'no-max-softmax')).toBe(true);
    expect(failed.some((f) => /NaN in the batch but NaN alone/.test(f.message))).toBe(false);
    const defects = diagnose(r.findings);
    expect(defects.map((d) => [d.cause, d.severity, d.findings.length])).toEqual([['no-max-softmax', 'bug', 2]]);
  }, 60_000);
});
