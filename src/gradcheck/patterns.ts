import type { TensorSpec } from './objective.ts';
import type { PatternFinding } from './result.ts';
import { TOLERANCES } from '../core/tolerances.ts';

/** One entry compared analytically and numerically, with the parameter's value. */
export interface EntryPair {
  /** Index within the tensor (row-major). */
  i: number;
  a: number;
  n: number;
  tol: number;
  theta: number;
}

export interface PatternMeta {
  batchSize?: number;
  lam?: number;
  activation?: string;
  /** True when pairs cover every entry of the tensor (needed for shift/transpose tests). */
  complete: boolean;
  /** Set when pairs are exactly the wrong entries localisation found among this many. */
  isolatedAmong?: number;
}

/** Relative closeness used to call a fit exact: far below any real defect's signature. */
const FIT = TOLERANCES.exactFit.rtol;

function fitScale(xs: number[], ys: number[]): { c: number; residual: number } {
  let sxy = 0,
    sxx = 0,
    scale = 0;
  xs.forEach((x, k) => {
    sxy += x * ys[k];
    sxx += x * x;
    scale = Math.max(scale, Math.abs(ys[k]));
  });
  const c = sxx === 0 ? 0 : sxy / sxx;
  let worst = 0;
  xs.forEach((x, k) => {
    worst = Math.max(worst, Math.abs(ys[k] - c * x));
  });
  return { c, residual: scale === 0 ? 0 : worst / scale };
}

/** A named factor: within TOLERANCES.causeRatio, since a fitted factor carries the numeric slopes' error. */
const nearFactor = (x: number, target: number) =>
  Math.abs(x - target) <= TOLERANCES.causeRatio * Math.max(1, Math.abs(target));

/**
 * What an error proportional to the parameters (κ·θ) says about the L2 term, from κ relative to
 * the λ/N the loss's penalty implies (`rel`, when λ and N are known).
 */
function l2Hint(bias: boolean, rel: number | undefined, N: number | undefined): string {
  if (bias && rel !== undefined && nearFactor(rel, -1))
    return (
      'the loss penalises the biases but the gradient does not: ' +
      'drop the biases from the penalty or add λ/N·b to their gradient'
    );
  if (bias)
    return (
      'the gradient regularises the biases but the loss does not penalise them: ' +
      'drop the L2 term from the bias gradients'
    );
  if (rel !== undefined && nearFactor(rel, -1)) return 'the L2 term (λ/N)·W is missing from this gradient';
  if (rel !== undefined && nearFactor(rel, 1)) return 'the L2 term is added twice to this gradient';
  if (rel !== undefined && N && nearFactor(rel, N - 1))
    return `the gradient adds λ·W where the loss's λ/(2N)·ΣW² gives λ/N·W (the ${N}× larger term)`;
  return (
    'the regularisation gradient disagrees with the penalty in the loss ' +
    '(check λ/N vs λ, the 1/2, and whether biases are penalised)'
  );
}

/** y ≈ c·x entry by entry, up to FIT relative and each pair's own tolerance (float32 slopes are noisy). */
const fitsWithin = (xs: number[], ys: number[], tols: number[], c: number) =>
  xs.every((x, k) => Math.abs(ys[k] - c * x) <= FIT * Math.abs(c * x) + (1 + Math.abs(c)) * tols[k]);

/**
 * One constant factor across every compared entry of every failing tensor: small tensors (a
 * shrunk case has 1×1 weights) hold too few entries to fit a factor alone, together they do.
 */
export function nameGlobalFactor(pairs: EntryPair[], meta: PatternMeta): PatternFinding | null {
  const p = nameTensorPattern(
    { name: 'all', rows: 1, cols: pairs.length, kind: 'other' },
    pairs.map((x, i) => ({ ...x, i, theta: 0 })),
    { ...meta, complete: false },
  );
  return ['missing-mean', 'double-mean', 'sign-flip', 'constant-factor'].includes(p.pattern) ? p : null;
}

/** Names what a failing tensor's disagreement looks like, with the usual cause as a hint. */
export function nameTensorPattern(spec: TensorSpec, pairs: EntryPair[], meta: PatternMeta): PatternFinding {
  const t = spec.name;
  const bad = pairs.filter((p) => Math.abs(p.a - p.n) > p.tol);
  const N = meta.batchSize;
  // Exact zeros where the numeric slope is not are a strong signature even when they are only
  // part of the disagreement (units negative on every row give exact zeros under a hard mask).
  const zeros = bad.filter((p) => p.a === 0 && p.n !== 0);
  if (bad.length > 0 && zeros.length * 3 >= bad.length) {
    const leaky = meta.activation === 'leaky_relu';
    return {
      tensor: t,
      pattern: 'zeros',
      ...(leaky ? { cause: 'leaky-forward-hard-gradient' as const } : {}),
      numbers: { zeroEntries: zeros.length, wrong: bad.length, compared: pairs.length },
      detail: `${zeros.length} of ${bad.length} wrong entries are exactly 0 where the numeric gradient is not`,
      hint: leaky
        ? 'negative pre-activations of a leaky ReLU are treated as hard ReLU in backward: ' +
          'use slope α, not 0, where z ≤ 0'
        : 'a mask or a term is missing in backward (e.g. a ReLU derivative applied where the forward is not a ReLU)',
    };
  }
  const informative = pairs.filter((p) => Math.abs(p.n) > p.tol);
  // A fit through one or two points explains anything: require three.
  if (informative.length >= 3) {
    const xs = informative.map((p) => p.n),
      ys = informative.map((p) => p.a);
    const { c, residual } = fitScale(xs, ys);
    if (
      (residual < FIT ||
        fitsWithin(
          xs,
          ys,
          informative.map((p) => p.tol),
          c,
        )) &&
      !nearFactor(c, 1)
    ) {
      const numbers = { factor: c };
      if (nearFactor(c, -1))
        return {
          tensor: t,
          pattern: 'sign-flip',
          numbers,
          detail: 'the analytic gradient is exactly the negative of the numeric one',
          hint: SIGN_FLIP_EVERYWHERE,
        };
      if (N && N > 1 && nearFactor(c, N))
        return {
          tensor: t,
          pattern: 'missing-mean',
          numbers,
          detail: `the analytic gradient is ${N}× (the batch size) the numeric one`,
          hint: 'the loss is a mean over the batch but the gradient is a sum: divide the gradient by N',
        };
      if (N && N > 1 && nearFactor(c * N, 1))
        return {
          tensor: t,
          pattern: 'double-mean',
          numbers,
          detail: `the analytic gradient is 1/${N} of the numeric one`,
          hint: 'the gradient is divided by N twice, or the loss is a sum while the gradient is a mean',
        };
      return {
        tensor: t,
        pattern: 'constant-factor',
        numbers,
        detail: `the analytic gradient is ${c.toPrecision(6)}× the numeric one`,
        hint:
          nearFactor(Math.abs(c), 2) || nearFactor(Math.abs(c), 0.5)
            ? 'a factor of 2: e.g. 0.5·reg·ΣW² in the loss but reg·W doubled (or halved) in the gradient'
            : 'a constant factor is missing or extra in backward',
      };
    }
  }
  const diffs = pairs.map((p) => p.a - p.n);
  if (pairs.filter((p) => p.theta !== 0).length >= 3) {
    const { c: kappa, residual } = fitScale(
      pairs.map((p) => p.theta),
      diffs,
    );
    if (
      (residual < FIT ||
        fitsWithin(
          pairs.map((p) => p.theta),
          diffs,
          pairs.map((p) => p.tol),
          kappa,
        )) &&
      kappa !== 0 &&
      bad.length > 0
    ) {
      const expected = meta.lam && N ? meta.lam / N : undefined;
      const rel = expected ? kappa / expected : undefined;
      const bias = spec.kind === 'bias';
      const detail = `the error is ${kappa.toPrecision(6)}·${bias ? 'b' : 'W'}, proportional to the parameters`;
      const hint = l2Hint(bias, rel, N);
      return {
        tensor: t,
        pattern: 'l2-gradient-mismatch',
        numbers: { kappa, ...(rel !== undefined ? { relativeToLambdaOverN: rel } : {}) },
        detail,
        hint,
      };
    }
  }
  // A shift or a transpose moves whole rows: its evidence is wrong entries the moved numeric
  // gradient explains. With fewer than two wrong entries, slopes within tolerance of each other
  // (tiny gradients all near 0) would "match" any arrangement.
  if (meta.complete && bad.length >= 2) {
    const shifted = shiftedRows(spec, pairs);
    if (shifted)
      return {
        tensor: t,
        pattern: 'shifted-rows',
        numbers: { shift: shifted, wrong: bad.length, compared: pairs.length },
        detail: `row r of the analytic gradient holds row r${shifted > 0 ? '+' : '−'}1 of the numeric one`,
        hint:
          'a shifted block: the bias row/column is dropped from the wrong side ' +
          '(e.g. a1[:, 1:] where a1[:, :-1] was meant)',
      };
    if (spec.rows === spec.cols && spec.rows > 1 && transposed(spec, pairs))
      return {
        tensor: t,
        pattern: 'transposed',
        numbers: { wrong: bad.length, compared: pairs.length },
        detail: 'the analytic gradient is the transpose of the numeric one',
        hint: 'a transposed product: dW = δᵀ·a instead of aᵀ·δ',
      };
  }
  if (bad.length === 0)
    // The probe's sum disagrees where no entry does on its own: a float32 entry's slope resolves
    // ~1e-4 at best, a probe over many entries (or at a point moved off a kink) resolves less.
    return {
      tensor: t,
      pattern: 'unstructured',
      numbers: { wrong: 0, compared: pairs.length },
      detail:
        `the probes along random directions disagree while each of the ${pairs.length} entries compared ` +
        'one by one agrees within its own tolerance: an error spread thinner than one entry can show',
      hint: 'compare layer by layer against the reference (nncheck compare) to find the first divergent quantity',
    };
  const among = meta.isolatedAmong ?? pairs.length;
  if (
    bad.length > 0 &&
    (meta.isolatedAmong !== undefined || (bad.length <= Math.max(3, pairs.length / 10) && pairs.length >= 10))
  ) {
    return {
      tensor: t,
      pattern: 'isolated-entries',
      numbers: { wrong: bad.length, compared: among },
      detail: `${bad.length} isolated wrong entr${bad.length === 1 ? 'y' : 'ies'} among ${among}`,
      hint: 'an indexing slip or an in-place write into the gradient array for a few entries',
    };
  }
  return {
    tensor: t,
    pattern: 'unstructured',
    numbers: { wrong: bad.length, compared: pairs.length },
    detail: `${bad.length} of ${pairs.length} compared entries disagree without a simple structure`,
    hint: 'compare layer by layer against the reference (nncheck compare) to find the first divergent quantity',
  };
}

function byIndex(pairs: EntryPair[]): Map<number, EntryPair> {
  return new Map(pairs.map((p) => [p.i, p]));
}

function shiftedRows(spec: TensorSpec, pairs: EntryPair[]): number {
  if (spec.rows < 3) return 0;
  const m = byIndex(pairs);
  for (const s of [1, -1]) {
    let ok = true,
      checked = 0;
    for (let r = 0; r < spec.rows && ok; r++) {
      const src = r + s;
      if (src < 0 || src >= spec.rows) continue;
      for (let c = 0; c < spec.cols; c++) {
        const a = m.get(r * spec.cols + c),
          n = m.get(src * spec.cols + c);
        if (!a || !n) {
          ok = false;
          break;
        }
        if (Math.abs(a.a - n.n) > a.tol + n.tol) {
          ok = false;
          break;
        }
        checked++;
      }
    }
    if (ok && checked > 0) return s;
  }
  return 0;
}

function transposed(spec: TensorSpec, pairs: EntryPair[]): boolean {
  const m = byIndex(pairs);
  for (let r = 0; r < spec.rows; r++)
    for (let c = 0; c < spec.cols; c++) {
      const a = m.get(r * spec.cols + c),
        n = m.get(c * spec.cols + r);
      if (!a || !n || Math.abs(a.a - n.n) > a.tol + n.tol) return false;
    }
  return true;
}

const SIGN_FLIP_EVERYWHERE = 'a sign is flipped: y − p instead of p − y, or the update adds the gradient';

/**
 * Where a sign flip sits follows from which tensors show it: every tensor flipped is the shared
 * output delta (y − p for p − y); some flipped while the others agree is those tensors' own
 * expressions (or the delta only they share), since the output delta reaches every tensor.
 */
export function scopeSignFlips(
  specs: TensorSpec[],
  patterns: PatternFinding[],
  failing: Set<string>,
): PatternFinding[] {
  const flipped = new Set(
    patterns
      .filter((p) => p.pattern === 'sign-flip')
      .flatMap((p) => (p.tensor === 'all' ? [...failing] : p.tensor.split(', '))),
  );
  if (flipped.size === 0 || specs.every((s) => flipped.has(s.name))) return patterns;
  const names = specs.filter((s) => flipped.has(s.name)).map((s) => s.name);
  const agree = specs.filter((s) => !failing.has(s.name)).map((s) => s.name);
  const hint =
    `only the gradient of ${names.join(', ')} is negated` +
    (agree.length ? `; ${agree.join(', ')} agree, so the output delta P − Y is right` : '') +
    `: remove the extra minus where the gradient of ${names.join(', ')} is formed`;
  return patterns.map((p) => (p.pattern === 'sign-flip' ? { ...p, hint } : p));
}

/** Patterns across tensors: an error confined to biases, or to the regularised weights. */
export function nameAcrossTensors(
  specs: TensorSpec[],
  failing: Set<string>,
  lam: number | undefined,
): PatternFinding[] {
  const kinds = (k: TensorSpec['kind']) => specs.filter((s) => s.kind === k);
  const weights = kinds('weight'),
    biases = kinds('bias');
  if (weights.length === 0 || biases.length === 0 || failing.size === 0) return [];
  const failW = weights.filter((s) => failing.has(s.name)),
    failB = biases.filter((s) => failing.has(s.name));
  if (failB.length > 0 && failW.length === 0) {
    return [
      {
        tensor: failB.map((s) => s.name).join(', '),
        pattern: 'bias-only',
        detail: 'only bias gradients disagree; every weight gradient agrees',
        hint:
          'a bias gradient should be the column sum of δ over the batch (axis 0): ' +
          'check the axis, the 1/N and the shape (1, H) vs (H,)',
      },
    ];
  }
  if (failW.length > 0 && failB.length === 0 && lam) {
    return [
      {
        tensor: failW.map((s) => s.name).join(', '),
        pattern: 'weights-only',
        detail: 'only the regularised (weight) gradients disagree; every bias gradient agrees',
        hint:
          'the error is confined to regularised entries: ' +
          'check the L2 term of the gradient against the penalty in the loss',
      },
    ];
  }
  return [];
}
