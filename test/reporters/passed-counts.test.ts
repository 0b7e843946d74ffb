import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.ts';
import { runReport } from '../../src/findings/run-report.ts';
import type { SubjectInfo } from '../../src/findings/report.ts';
import { REPORTERS } from '../../src/reporters/registry.ts';

/**
 * The Markdown and the HTML count the same "checks passed" (the checks they list; a note that
 * passed, such as the L2 convention, is listed apart as a note), and a section with no check
 * of its own (the motivating case: measurements only) claims neither "every check passed" nor
 * "0 checks passed".
 */
const f = (subject: string, over: Partial<Finding>): Finding => ({
  subject,
  suite: 'softmax',
  property: 'p',
  verdict: 'pass',
  severity: 'none',
  message: 'held',
  ms: 1,
  ...over,
});
const subject = (name: string): SubjectInfo => ({
  name,
  language: 'reference',
  activation: 'relu',
  layout: 'separate',
  notes: [],
});
const report = runReport({
  command: 'run',
  startedAt: new Date(0),
  settings: { seed: 42, runs: 100 },
  subjects: [subject('reference-relu'), subject('motivating case')],
  findings: [
    f('reference-relu', { message: 'rows sum to one' }),
    f('reference-relu', { message: 'shift invariant' }),
    f('reference-relu', { suite: 'loss', severity: 'info', message: 'L2 convention: λ/(2N)·ΣW²' }),
    f('motivating case', { suite: 'motivating case', severity: 'info', message: 'ReLU lr 0.5: test accuracy 9.7%' }),
  ],
});
const md = REPORTERS.markdown.render(report);
const html = REPORTERS.html.render(report);

describe('"checks passed" means the same in the Markdown and the HTML', () => {
  it('both count the listed checks: 2, the passing note apart', () => {
    expect(md.match(/<summary>(\d+) checks passed<\/summary>/g)).toEqual(['<summary>2 checks passed</summary>']);
    expect(html.match(/<summary>(\d+) checks passed<\/summary>/g)).toEqual(['<summary>2 checks passed</summary>']);
  });

  it('a section of measurements only says so, and neither "every check passed" nor "0 checks passed"', () => {
    for (const text of [md, html]) {
      expect(text).not.toMatch(/\b0 checks passed/);
      expect(text).toContain('no checks of its own: what it measured is in the notes');
    }
    expect(html.match(/every check passed/g)).toHaveLength(1); // reference-relu's section only
  });
});
