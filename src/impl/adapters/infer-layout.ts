import type { Matrix } from '../../core/matrix.ts';
import { inferLayout, type Layout } from '../../nn/layouts.ts';
import { SetupError } from './setup-error.ts';

/** Probe sizes for reading the layout from initParams: distinct, so shapes cannot be confused. */
export const PROBE = { D: 5, H: 4, K: 3 };

/** Reads the layout from the shapes initParams returns; checks a declared layout against them. */
export function resolveLayout(params: Matrix[], declared: unknown, shapesOf: string, notes: string[]): Layout {
  const shapes = params.map((m) => [m.rows, m.cols]);
  const inferred = inferLayout(shapes, PROBE.D, PROBE.K);
  const shown = shapes.map((s) => s.join('x')).join(', ');
  if (declared !== undefined) {
    if (declared !== 'bias-row' && declared !== 'separate')
      throw new SetupError(`layout is '${String(declared)}'`, "declare layout as 'bias-row' or 'separate'");
    if (inferred && inferred !== declared)
      throw new SetupError(
        `layout is declared '${declared}' but ${shapesOf}(${PROBE.D}, ${PROBE.H}, ${PROBE.K}) ` +
          `returns shapes ${shown}, which are '${inferred}'`,
        'fix the declaration or the shapes',
      );
    return declared;
  }
  if (!inferred) {
    throw new SetupError(
      `cannot tell the parameter layout: ${shapesOf}(${PROBE.D}, ${PROBE.H}, ${PROBE.K}) returns shapes ${shown}`,
      'return [θ1 (D+1)×H, θ2 (H+1)×K] ("bias-row") or [W1 D×H, b1 1×H, W2 H×K, b2 1×K] ("separate"), ' +
        'or declare layout',
    );
  }
  notes.push(
    `layout inferred as '${inferred}' from the shapes ${shown} returned for D=${PROBE.D}, H=${PROBE.H}, K=${PROBE.K}`,
  );
  return inferred;
}
