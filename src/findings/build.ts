import type { Finding, Severity } from './finding.ts';

/**
 * What every finding says besides its outcome; `ms` defaults to 0 (a check that was not timed). Its
 * id is required: the diagnosis reads ids, never sentences (only a saved report from before ids has none).
 */
type Fields = Omit<Finding, 'verdict' | 'severity' | 'ms' | 'id'> & { id: string; ms?: number };

/** A check that held or did not run: no severity, unless it is a note (info). */
export type PassInit = Fields & { verdict: 'pass' | 'skip'; severity?: 'none' | 'info' };
/** A check that did not hold or could not finish: it must say how bad, and its message says what happened. */
export type FailInit = Fields & { verdict: 'fail' | 'error'; severity: Severity };
export type FindingInit = PassInit | FailInit;

/** The outcome of a yes/no check: pass (no severity), or fail with the given severity. */
export type Outcome = Pick<PassInit, 'verdict' | 'severity'> | Pick<FailInit, 'verdict' | 'severity'>;

export const outcome = (ok: boolean, severity: Severity): Outcome =>
  ok ? { verdict: 'pass', severity: 'none' } : { verdict: 'fail', severity };

/**
 * The one way to build a Finding: a failure cannot be built without a severity and a message;
 * a pass or skip defaults to severity none; an untimed check to ms 0.
 */
export function finding(init: FindingInit): Finding {
  return { ...init, severity: init.severity ?? 'none', ms: init.ms ?? 0 };
}
