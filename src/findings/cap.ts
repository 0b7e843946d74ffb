import { capText } from '../util/text-safety.ts';
import type { Finding } from './finding.ts';

/**
 * Every user-sourced string of a finding capped (see util/text-safety): messages and hints by
 * their head, details (tracebacks, a process's last output) by their tail.
 */
export function capFinding(f: Finding): Finding {
  const head = (s: string | undefined) => (s === undefined ? s : capText(s));
  const numbers =
    f.numbers &&
    Object.fromEntries(
      Object.entries(f.numbers).map(([k, v]) => [capText(k, 200), typeof v === 'string' ? capText(v, 1000) : v]),
    );
  return {
    ...f,
    message: capText(f.message),
    hint: head(f.hint),
    location: head(f.location),
    counterexample: head(f.counterexample),
    detail: f.detail === undefined ? undefined : capText(f.detail, undefined, 'tail'),
    ...(numbers ? { numbers } : {}),
    ...(f.replay?.command ? { replay: { ...f.replay, command: capText(f.replay.command) } } : {}),
  };
}
