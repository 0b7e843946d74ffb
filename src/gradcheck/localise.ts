import { directionalTest, type CheckContext, type CheckPoint } from './directional.ts';
import { subProbe, type Probe } from './probes.ts';
import type { ProbeRecord } from './result.ts';

export interface LocalisedEntry {
  /** Index into θ. */
  index: number;
  analytic: number;
  numeric: number;
  tolerance: number;
}

export interface Localisation {
  entries: LocalisedEntry[];
  /** More failing groups than maxEntries at some level, or the budget ran out. */
  widespread: boolean;
  tests: number;
}

interface Node {
  lo: number;
  hi: number;
  rec: ProbeRecord | null;
}

/**
 * Adaptive group testing over the entries of a failing probe, breadth first: each failing
 * group is halved, the left half tested with the same signs; if it passes, the right half must
 * hold the error (the parent's difference is the sum of the two halves'), so it is not tested.
 * About 1.5·k·log2(n) tests (4 loss evaluations each) find k wrong entries among n.
 */
export async function localise(
  ctx: CheckContext,
  point: CheckPoint,
  probe: Probe,
  failing: ProbeRecord,
  opts: { maxEntries: number; maxLossEvaluations: number },
): Promise<Localisation> {
  const start = ctx.ev.losses;
  let tests = 0;
  const test = async (lo: number, hi: number) => {
    tests++;
    return directionalTest(ctx, point, subProbe(probe, lo, hi), false);
  };
  const entries: LocalisedEntry[] = [];
  let frontier: Node[] = [{ lo: 0, hi: probe.indices.length, rec: failing }];
  while (frontier.length > 0) {
    if (frontier.length > opts.maxEntries || ctx.ev.losses - start > opts.maxLossEvaluations)
      return { entries, widespread: true, tests };
    const next: Node[] = [];
    for (const node of frontier) {
      if (node.hi - node.lo === 1) {
        const rec = node.rec ?? (await test(node.lo, node.hi));
        if (!rec.passed) {
          const v = probe.values[node.lo];
          entries.push({
            index: probe.indices[node.lo],
            analytic: rec.analytic / v,
            numeric: rec.numeric / v,
            tolerance: rec.tolerance / Math.abs(v),
          });
        }
        continue;
      }
      const mid = (node.lo + node.hi) >> 1;
      const left = await test(node.lo, mid);
      if (left.passed) {
        next.push({ lo: mid, hi: node.hi, rec: null });
      } else {
        next.push({ lo: node.lo, hi: mid, rec: left });
        const right = await test(mid, node.hi);
        if (!right.passed) next.push({ lo: mid, hi: node.hi, rec: right });
      }
    }
    frontier = next;
  }
  return { entries, widespread: false, tests };
}
