import type { Matrix } from '../../core/matrix.ts';
import type { Move } from '../../gradcheck/objective.ts';
import type { Probe } from '../../gradcheck/probes.ts';

const row = (data: Float64Array): Matrix => ({ rows: 1, cols: data.length, data });

/** The first index when the probe's indices are consecutive (a tensor, a sub-range), else -1. */
function consecutiveFrom(p: Probe): number {
  const n = p.indices.length;
  if (n === 0) return 0;
  const start = p.indices[0];
  for (let k = 1; k < n; k++) if (p.indices[k] !== start + k) return -1;
  return start;
}

/**
 * A loss_along request (see points_along in bridge.py): the arrays are the base θ, the steps,
 * X, Y, then each distinct direction once, as its values and (unless consecutive) its indices.
 * The base, X, Y and large directions travel once per process while unchanged (SentArrays), so
 * a batch of perturbed points costs a few numbers each.
 */
export function alongRequest(
  shapes: readonly { rows: number; cols: number }[],
  base: Float64Array,
  moves: Move[],
  data: { X: Matrix; Y: Matrix; lam: number },
): { header: Record<string, unknown>; arrays: Matrix[] } {
  const directions = new Map<Probe, number>();
  const probes: number[] = [];
  const arrays: Matrix[] = [row(base), row(Float64Array.from(moves, (m) => m.step)), data.X, data.Y];
  const moveDirections = moves.map(({ probe }) => {
    if (!probe) return -1;
    let d = directions.get(probe);
    if (d === undefined) {
      d = probes.length;
      directions.set(probe, d);
      const start = consecutiveFrom(probe);
      probes.push(start);
      arrays.push(row(probe.values));
      if (start < 0) arrays.push(row(Float64Array.from(probe.indices)));
    }
    return d;
  });
  return {
    header: { shapes: shapes.map((s) => [s.rows, s.cols]), moves: moveDirections, probes, lam: data.lam },
    arrays,
  };
}
