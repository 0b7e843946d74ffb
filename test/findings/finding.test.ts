import { describe, expect, it } from 'vitest';
import {
  exitCodeOf,
  isBug,
  isError,
  isFailure,
  isNote,
  isPassed,
  isPlainPass,
  isSkipped,
  isWarning,
  type Finding,
  type Severity,
  type Verdict,
} from '../../src/findings/finding.ts';

const VERDICTS: Verdict[] = ['pass', 'fail', 'error', 'skip'];
const SEVERITIES: Severity[] = ['bug', 'warning', 'info', 'none'];
const make = (verdict: Verdict, severity: Severity): Finding => ({
  suite: 's',
  property: 'p',
  verdict,
  severity,
  message: 'm',
  ms: 0,
});

/** Every predicate on every verdict × severity: the one table the reporters, glue and summary read. */
describe('finding predicates', () => {
  const table = VERDICTS.flatMap((v) =>
    SEVERITIES.map((s) => {
      const f = make(v, s);
      const on = (p: (f: Finding) => boolean, name: string) => (p(f) ? [name] : []);
      return `${v}/${s}: ${[
        ...on(isFailure, 'failure'),
        ...on(isBug, 'bug'),
        ...on(isWarning, 'warning'),
        ...on(isNote, 'note'),
        ...on(isPassed, 'passed'),
        ...on(isPlainPass, 'plain-pass'),
        ...on(isSkipped, 'skipped'),
        ...on(isError, 'error'),
      ].join(' ')}`;
    }),
  );

  it('say what a finding is, for every verdict and severity', () => {
    expect(table).toEqual([
      'pass/bug: passed plain-pass',
      'pass/warning: passed plain-pass',
      'pass/info: note passed',
      'pass/none: passed plain-pass',
      'fail/bug: failure bug',
      'fail/warning: failure warning',
      'fail/info: failure note',
      'fail/none: failure',
      'error/bug: failure bug error',
      'error/warning: failure warning error',
      'error/info: failure note error',
      'error/none: failure error',
      'skip/bug: skipped',
      'skip/warning: skipped',
      'skip/info: note skipped',
      'skip/none: skipped',
    ]);
  });

  it('exit code 1 only for a failure rated a bug', () => {
    expect(exitCodeOf([make('fail', 'warning'), make('pass', 'info'), make('skip', 'bug')])).toBe(0);
    expect(exitCodeOf([make('pass', 'none'), make('error', 'bug')])).toBe(1);
  });
});
