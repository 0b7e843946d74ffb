import { describe, it, expect } from 'vitest';
import { githubReporter } from '../../src/reporters/github.ts';
import { REPORTERS } from '../../src/reporters/registry.ts';
import type { RunReport } from '../../src/findings/report.ts';
import type { Finding } from '../../src/findings/finding.ts';
import { runCli } from '../helpers/run-cli.ts';

const finding = (over: Partial<Finding>): Finding => ({
  suite: 'softmax',
  property: 'p',
  verdict: 'fail',
  severity: 'bug',
  message: 'm',
  ms: 1,
  ...over,
});
// Only the parts the reporter reads; the rest of the model does not matter here.
const report = (findings: Finding[]) => ({ findings, subjects: [{ name: 'src/net.ts' }] }) as unknown as RunReport;

describe('the github reporter (workflow annotations)', () => {
  it('is registered by name', () => expect(REPORTERS.github).toBe(githubReporter));
  it('annotates bugs as errors and warnings as warnings, never infos or passes', () => {
    const out = githubReporter.render(
      report([
        finding({
          property: 'bug one',
          cause: 'global-max softmax',
          hint: 'subtract the row max',
          replay: { seed: 1, command: 'npx nncheck check src/net.ts --seed 1' },
        }),
        finding({ property: 'warn', severity: 'warning' }),
        finding({ property: 'info', severity: 'info' }),
        finding({ property: 'ok', verdict: 'pass' }),
      ]),
    );
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      '::error file=src/net.ts,title=nncheck%3A softmax › bug one::m%0Acause: global-max softmax' +
        '%0Ahint: subtract the row max%0Areplay: npx nncheck check src/net.ts --seed 1',
    );
    expect(lines[1]).toMatch(/^::warning file=src\/net.ts,title=nncheck%3A softmax › warn::m$/);
  });
  it('escapes what would end or split a workflow command', () => {
    const out = githubReporter.render(report([finding({ property: 'a, b: c', message: '100% sure\r\nsecond line' })]));
    expect(out).toBe('::error file=src/net.ts,title=nncheck%3A softmax › a%2C b%3A c::100%25 sure%0D%0Asecond line\n');
  });
  it('nncheck check --reporter github prints annotations for a failing check', () => {
    const r = runCli([
      'check',
      'examples/numpy_four_defects.py',
      '--suite',
      'softmax',
      '--quiet',
      '--reporter',
      'github',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^::error file=examples\/numpy_four_defects.py,title=nncheck%3A softmax › .*replay: npx nncheck check/m,
    );
  });
});
