import type { Matrix } from '../../core/matrix.ts';
import { ImplementationFault } from '../../findings/implementation-fault.ts';
import { toNested } from './arrays.ts';

/**
 * The arrays handed to user code (number[][] built from our matrices), kept so that after the
 * call the user's own objects can be compared with what was handed out: an entry written by
 * the call is written back into the caller's matrix, where the purity checks see it (the same
 * as the Python bridge does with arrays modified in place).
 */
export class HandedOut {
  private readonly pairs: [number[][] | number[], Matrix][] = [];

  /** A matrix as number[][] for user code, remembered. */
  nested(m: Matrix): number[][] {
    const n = toNested(m);
    this.pairs.push([n, m]);
    return n;
  }

  /** A one-row matrix as a flat number[] (a 1-D bias), remembered. */
  flat(m: Matrix): number[] {
    const n = Array.from(m.data);
    this.pairs.push([n, m]);
    return n;
  }

  /** Writes what the user changed back into the matrices handed out; returns how many entries changed. */
  writeBack(): number {
    let changed = 0;
    for (const [n, m] of this.pairs) {
      // Read as handed out when its first entry is still a row, else as one flat row.
      const nested = Array.isArray(n[0]);
      const [rows, width] = nested ? [m.rows, m.cols] : [1, m.data.length];
      for (let i = 0; i < rows; i++) {
        const row: unknown = nested ? n[i] : n;
        const entries: unknown[] = Array.isArray(row) ? row : [];
        for (let j = 0; j < width; j++) {
          const v = entries[j];
          const k = i * width + j;
          // Unchanged and non-zero is the common case, and Object.is there too: nothing to write.
          if (v === m.data[k] && v !== 0) continue;
          // An entry removed or replaced by something else than a number counts as written: NaN.
          const now = typeof v === 'number' ? v : NaN;
          if (!Object.is(now, m.data[k])) {
            m.data[k] = now;
            changed++;
          }
        }
      }
    }
    return changed;
  }
}

/** A loss value: a number (or a 1×1 array); a string, an object or nothing is the user's bug, named. */
export function lossValue(out: unknown, fnName = 'loss'): number {
  const single =
    Array.isArray(out) && out.length === 1 ? (Array.isArray(out[0]) && out[0].length === 1 ? out[0][0] : out[0]) : out;
  if (typeof single === 'number') return single;
  const shown =
    typeof out === 'string'
      ? JSON.stringify(out.slice(0, 80))
      : Array.isArray(out)
        ? `an array of ${out.length}`
        : String(out).slice(0, 80);
  throw new ImplementationFault(
    'shape',
    `${fnName}() returned a ${Array.isArray(out) ? 'list' : typeof out} (${shown}), expected a number`,
  );
}
