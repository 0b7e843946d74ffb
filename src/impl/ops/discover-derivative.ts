import { TOLERANCES } from '../../core/tolerances.ts';
import type { FreeFunction, FreeFunctions } from './free-functions.ts';
import { sameOp } from './names.ts';
import {
  GRID,
  derivativeOf,
  forwardOf,
  identifyActivation,
  identifyDerivative,
  type ActivationShape,
  type DerivativeShape,
} from './shapes.ts';
import { callAt, looksFloat32 } from './probe.ts';
import { agrees, slopesOf } from './slope.ts';

/** A derivative, the forward it is paired with, and which input it expects. */
export interface FoundDerivative {
  fn: FreeFunction;
  /** The user's forward it is paired with, when the file has one. */
  forward?: FreeFunction;
  /** What the forward is (read from the user's forward, or the known op the name points at). */
  forwardShape?: ActivationShape;
  /** z, a = f(z), either (ReLU: the same), or undefined: the derivative of neither. */
  expects?: 'z' | 'a' | 'z or a';
  /** What the derivative itself behaves like. */
  behaves?: DerivativeShape;
  byName: boolean;
  /** The derivative or its forward computes in float32 (differences then use float32's unit). */
  float32: boolean;
}

const KNOWN_BY_NAME: Record<string, ActivationShape> = {
  sigmoid: { kind: 'sigmoid', label: 'sigmoid' },
  logistic: { kind: 'sigmoid', label: 'sigmoid' },
  tanh: { kind: 'tanh', label: 'tanh' },
  relu: { kind: 'relu', label: 'ReLU' },
};

/**
 * Pairs an elementwise function with its forward and reads which input it expects, comparing
 * g(z) and g(f(z)) with central differences of the user's own forward (or of the known op the
 * name points at, when the file has no forward of that name). Returns undefined when g is
 * neither named as a derivative nor behaves like one (it is then an activation of its own).
 */
export async function pairDerivative(
  ff: FreeFunctions,
  fn: FreeFunction,
  gz: number[],
  base: string | undefined,
  forwards: { fn: FreeFunction; ys: number[] }[],
  forced: boolean,
): Promise<FoundDerivative | undefined> {
  const byName = base !== undefined || forced;
  const float32 = looksFloat32(gz);
  // g at σ(x) and tanh(x): a derivative that expects the activation shows itself there.
  const at = (kind: 'sigmoid' | 'tanh') => callAt(ff, fn.name, GRID.map(forwardOf({ kind, label: kind })));
  const aForms: Partial<Record<ActivationShape['kind'], number[]>> = {
    sigmoid: await at('sigmoid'),
    tanh: await at('tanh'),
  };
  const behaves = identifyDerivative(gz, (a) => aForms[a.kind] ?? gz);
  const named = base !== undefined ? forwards.find((f) => sameOp(base, f.fn.name)) : undefined;
  const candidates = named ? [named] : base !== undefined && KNOWN_BY_NAME[base.toLowerCase()] ? [] : forwards;
  for (const fw of candidates) {
    const expects = await formAgainst(ff, fn, gz, fw.fn, fw.ys);
    if (expects || named || (forced && candidates.length === 1)) {
      return {
        fn,
        forward: fw.fn,
        forwardShape: identifyActivation(fw.ys),
        expects,
        behaves,
        byName,
        float32: float32 || looksFloat32(fw.ys),
      };
    }
  }
  const known = base !== undefined ? KNOWN_BY_NAME[base.toLowerCase()] : undefined;
  if (known) {
    const want = GRID.map(derivativeOf(known));
    const byZ = gz.every((g, i) => Math.abs(g - want[i]) <= TOLERANCES.derivativeVsKnown(want[i]));
    const ga = await callAt(ff, fn.name, GRID.map(forwardOf(known)));
    const byA = ga.every((g, i) => Math.abs(g - want[i]) <= TOLERANCES.derivativeVsKnown(want[i]));
    return {
      fn,
      forwardShape: known,
      expects: byZ && byA ? 'z or a' : byZ ? 'z' : byA ? 'a' : undefined,
      behaves,
      byName,
      float32,
    };
  }
  if (byName || (behaves && forwards.length === 0))
    return { fn, forwardShape: behaves?.of, expects: behaves?.expects, behaves, byName, float32 };
  return undefined;
}

/** Which input g expects for the user's forward f, or undefined when neither matches its slope. */
async function formAgainst(
  ff: FreeFunctions,
  g: FreeFunction,
  gz: number[],
  f: FreeFunction,
  fys: number[],
): Promise<'z' | 'a' | 'z or a' | undefined> {
  const slopes = await slopesOf(ff, f.name, GRID, looksFloat32(fys) || looksFloat32(gz));
  const ga = await callAt(ff, g.name, fys);
  const judged = slopes.map((s, i) => ({ s, i })).filter(({ s }) => !s.kink);
  if (judged.length === 0) return undefined;
  const byZ = judged.every(({ s, i }) => agrees(s, gz[i]));
  const byA = judged.every(({ s, i }) => agrees(s, ga[i]));
  return byZ && byA ? 'z or a' : byZ ? 'z' : byA ? 'a' : undefined;
}
