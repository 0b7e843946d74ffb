import { describe, expect, it } from 'vitest';
import { finding, outcome } from '../../src/findings/build.ts';

describe('finding()', () => {
  it('gives a pass or a skip severity none and an untimed check ms 0', () => {
    expect(finding({ id: 's.p', suite: 's', property: 'p', verdict: 'pass', message: 'held' })).toEqual({
      id: 's.p',
      suite: 's',
      property: 'p',
      verdict: 'pass',
      severity: 'none',
      message: 'held',
      ms: 0,
    });
    expect(
      finding({ id: 's.p', suite: 's', property: 'p', verdict: 'skip', message: 'not run', ms: 12 }),
    ).toMatchObject({
      severity: 'none',
      ms: 12,
    });
  });

  it('keeps what it is given: a note stays info, a failure its severity and every field', () => {
    expect(
      finding({ id: 's.p', suite: 's', property: 'p', verdict: 'pass', severity: 'info', message: 'a convention' })
        .severity,
    ).toBe('info');
    const f = finding({
      id: 's.p',
      subject: 'net.py',
      suite: 's',
      property: 'p',
      verdict: 'fail',
      severity: 'warning',
      message: 'off by 1%',
      cause: 'c',
      hint: 'h',
      numbers: { x: 1 },
      replay: { seed: 3 },
      ms: 5,
    });
    expect(f).toEqual({
      id: 's.p',
      subject: 'net.py',
      suite: 's',
      property: 'p',
      verdict: 'fail',
      severity: 'warning',
      message: 'off by 1%',
      cause: 'c',
      hint: 'h',
      numbers: { x: 1 },
      replay: { seed: 3 },
      ms: 5,
    });
  });

  it('will not build a finding without an id, a failure without a severity or message, nor a pass rated a bug', () => {
    // @ts-expect-error every finding has an id: the diagnosis reads it, never the sentence
    finding({ suite: 's', property: 'p', verdict: 'pass', message: 'm' });
    // @ts-expect-error a failure must say how bad it is
    finding({ id: 's.p', suite: 's', property: 'p', verdict: 'fail', message: 'm' });
    // @ts-expect-error a failure must say what happened
    finding({ id: 's.p', suite: 's', property: 'p', verdict: 'error', severity: 'bug' });
    // @ts-expect-error a pass is never a bug
    finding({ id: 's.p', suite: 's', property: 'p', verdict: 'pass', severity: 'bug', message: 'm' });
    expect(true).toBe(true);
  });

  it('outcome(): pass with no severity, or fail with the one given', () => {
    expect(outcome(true, 'bug')).toEqual({ verdict: 'pass', severity: 'none' });
    expect(outcome(false, 'warning')).toEqual({ verdict: 'fail', severity: 'warning' });
  });
});
