import { toRows } from '../../../src/core/matrix.ts';
import type { CallResult, FreeFunction } from '../../../src/impl/ops/free-functions.ts';
import { PropertyViolation } from '../../../src/engine/harness.ts';

const show = (rows: number[][]) => JSON.stringify(rows.length === 1 ? rows[0] : rows);

/** Throws a mutates-inputs violation, naming the argument, when a call wrote into one. */
export function expectUntouched(fn: FreeFunction, r: CallResult, before: number[][][]): void {
  const m = r.mutated[0];
  if (!m) return;
  const arg = fn.params[m.arg] ?? `#${m.arg + 1}`;
  throw new PropertyViolation(
    `${fn.name}(${fn.params.join(', ')}) writes into its argument ${arg}: ` +
      `${show(before[m.arg] ?? [])} became ${show(toRows(m.after))}`,
    { argument: arg },
    `copy before writing (${arg} = ${arg}.copy()) or build a new array (np.where(${arg} > 0, 1.0, 0.0)): ` +
      `the caller's ${arg} is destroyed`,
    'mutates-inputs',
  );
}
