import type { Matrix } from '../core/matrix.ts';
import type { ActivationName } from '../ops/activation.ts';
import type { Layout } from '../nn/layouts.ts';
import type { Precision } from '../core/precision.ts';
import type { Incident } from './incidents.ts';
import type { Move } from '../gradcheck/objective.ts';

/**
 * A one-hidden-layer classifier as nncheck sees it, whatever language it is written in:
 * parameters are a list of matrices in `layout`, labels are one-hot, calls may be async (a
 * subprocess). Adapters (reference, TypeScript module, Python bridge) all produce this.
 */
export interface NetworkImplementation {
  readonly name: string;
  /** The hidden activation the checks assume: declared, else read by probing (see activationReading). */
  activation: ActivationName;
  /** How the activation was settled: what the probe read, what was declared, whether they agree. */
  activationReading?: ActivationReading;
  layout: Layout;
  /** Notes about how the implementation was read (inferred layout, accepted shapes...). */
  readonly notes: string[];
  leakySlope?: number;
  /** Working precision: declared (PRECISION / precision), given by --precision, or detected before the checks. */
  precision?: Precision;
  /**
   * Each forward(), loss() and gradients() answer depends on that call's arguments alone: no
   * instance is built by initParams() and kept for later calls (a class's is). Such calls may be
   * made in any order, many cases at a time (src/impl/call-memo.ts).
   */
  statelessCalls?: boolean;
  /** dtypes of the arrays a subprocess returned (the Python bridge reports them). */
  returnedDtypes?: Set<string>;
  initParams(D: number, H: number, K: number, seed: number): Promise<Matrix[]>;
  forward(params: Matrix[], X: Matrix): Promise<Matrix>;
  loss(params: Matrix[], X: Matrix, Y: Matrix, lam: number): Promise<number>;
  gradients(params: Matrix[], X: Matrix, Y: Matrix, lam: number): Promise<Matrix[]>;
  /** Losses at many parameter sets in one call (one round trip for a subprocess). */
  lossMany?(paramsList: Matrix[][], X: Matrix, Y: Matrix, lam: number): Promise<number[]>;
  forwardMany?(paramsList: Matrix[][], X: Matrix): Promise<Matrix[]>;
  /**
   * Losses at moves from a flat base θ (tensors of `shapes` laid end to end), equal bit for bit
   * to loss() at the points along() forms: a subprocess receives base and directions only.
   */
  lossesAlong?(
    shapes: readonly { rows: number; cols: number }[],
    base: Float64Array,
    moves: Move[],
    X: Matrix,
    Y: Matrix,
    lam: number,
  ): Promise<number[]>;
  /** lossesAlong() for several requests in one round trip: the first ones' answers, as callMany gives them. */
  lossesAlongMany?(calls: AlongCall[]): Promise<{ results: number[][]; stop: CallsResult['stop'] } | null>;
  /**
   * Several independent forward() or loss() calls (all of one kind) in one round trip, each
   * answered as it would be alone; null when it cannot now (make them one by one). See prefetch.ts.
   */
  callMany?(calls: PlainCall[]): Promise<CallsResult | null>;
  /**
   * Runs nncheck's SGD loop (src/impl/sgd.ts) next to the implementation, many steps per round
   * trip; null when it cannot now (the loop then runs call by call).
   */
  sgdChunk?(r: SgdChunkRequest): Promise<SgdChunkResult | null>;
  /** The user's own training loop, when provided. lr null means the user's default. */
  train?(
    X: Matrix,
    Y: Matrix,
    H: number,
    epochs: number,
    lr: number | null,
    lam: number,
    seed: number,
  ): Promise<Matrix[]>;
  /** The user's own train() as written (a class's method or a module function), mapped by its signature. */
  ownTrainer?: OwnTrainer;
  /** Side effects seen on the user's own objects so far (a key loss() added to the params dict...). */
  sideEffects?(): Promise<string[]>;
  close?(): Promise<void>;
  /** Crashes and timeouts of the process running user code, as they happened (subprocess adapters). */
  readonly incidents?: Incident[];
}

/** The arguments of one lossesAlong() call. */
export interface AlongCall {
  shapes: readonly { rows: number; cols: number }[];
  base: Float64Array;
  moves: Move[];
  X: Matrix;
  Y: Matrix;
  lam: number;
}

/** A forward(), loss() or gradients() call, one of several made in one round trip. */
export type PlainCall =
  | { op: 'forward'; params: Matrix[]; X: Matrix }
  | { op: 'loss' | 'gradients'; params: Matrix[]; X: Matrix; Y: Matrix; lam: number };

/**
 * The results of the first calls (a Matrix per forward, a number per loss, a list per gradients). stop replay: the
 * next call must be made through the ordinary method (it raised or wrote into an argument);
 * time: the request's time budget ran out, ask again for the rest; done: every call was made.
 */
export interface CallsResult {
  results: (Matrix | number | Matrix[])[];
  stop: 'done' | 'time' | 'replay';
}

/** Part of nncheck's SGD loop to run next to the implementation: the epochs left, from a step on. */
export interface SgdChunkRequest {
  params: Matrix[];
  X: Matrix;
  Y: Matrix;
  /** The row order of each epoch still to run; the first one is resumed at row offset `step`. */
  orders: Int32Array[];
  step: number;
  lr: number;
  lam: number;
  batchSize: number;
  /** Also return the parameters at the end of each epoch (for an onEpoch observer). */
  snapshots: boolean;
  /** Seconds after which no new step starts (default: the adapter's, well within its call timeout). */
  budgetS?: number;
}

/** What a chunk did: its parameters now, the epochs it finished, and where and why it stopped. */
export interface SgdChunkResult {
  params: Matrix[];
  /** Each finished epoch: loss() and forward() on the whole set, the last step's gradients. */
  epochs: { loss: number; probs: Matrix; grads: Matrix[] | null; params: Matrix[] | null }[];
  /**
   * The last step's gradients in the epoch the chunk stopped in, when it took steps there: that
   * epoch's observer must see them even when its evaluation is made elsewhere (replay, time).
   */
  openGrads?: Matrix[] | null;
  /**
   * epoch counts from the request's first; phase eval: that epoch's steps are done. reason
   * replay: the call there must be made through the ordinary method (it raised, wrote into an
   * argument, returned another shape); time: the chunk's time budget ran out; diverged: the
   * last finished epoch's loss is not finite; done: every epoch ran.
   */
  stop: { epoch: number; step: number; phase: 'steps' | 'eval'; reason: 'done' | 'time' | 'replay' | 'diverged' };
}

/** What nncheck supplies to one run of the user's train(). budget/lr null: the user's defaults. */
export interface OwnTrainCall {
  X: Matrix;
  Y: Matrix;
  Xval: Matrix;
  Yval: Matrix;
  H: number;
  budget: number | null;
  lr: number | null;
  seed: number;
}

export interface OwnTrainer {
  /** The signature as written, e.g. "train(X, y, X_val, y_val, learning_rate=0.001, num_iters=100)". */
  signature: string;
  /** The parameter that sets how long it trains (epochs, num_iters...) and its default. */
  budget: { name: string; default: number | null } | null;
  /** The learning-rate parameter and its default. */
  rate: { name: string; default: number | null } | null;
  /** Why nncheck cannot call it, when it cannot (a required parameter it cannot supply). */
  unmapped?: string;
  /** How it was read (camelCase keywords mapped...). */
  notes: string[];
  /** Runs it once; initial is null when the loop makes its own parameters out of sight (a module function). */
  run(c: OwnTrainCall): Promise<{ initial: Matrix[] | null; final: Matrix[]; sideEffects: string[] }>;
}

export interface ActivationReading {
  /** What the probe network read from forward(): a known activation, or null when none fits. */
  inferred: ActivationName | null;
  /** The measured leaky slope, when inferred is leaky_relu. */
  slope?: number;
  /** A declaration (the file's constant or the --activation flag) and where it came from. */
  declared?: { value: unknown; from: 'file' | 'flag' };
  /** True when a valid declaration names another function than the one the code computes. */
  mismatch: boolean;
  /** f(x) at the probe inputs, as read. */
  samples: { x: number; y: number }[];
  /** Why the probe could not read the function (forward raised, returned NaN...). */
  problem?: string;
}

/** True when the checks run with an activation nobody declared and the probe did not recognise. */
export const activationUnknown = (impl: NetworkImplementation): boolean =>
  impl.activationReading !== undefined &&
  impl.activationReading.inferred === null &&
  impl.activationReading.declared === undefined;

export function tensorNames(layout: Layout, count: number): { name: string; kind: 'weight' | 'bias' | 'other' }[] {
  if (layout === 'separate') {
    return Array.from({ length: count }, (_, i) =>
      i % 2 === 0
        ? { name: `W${i / 2 + 1}`, kind: 'weight' as const }
        : { name: `b${(i + 1) / 2}`, kind: 'bias' as const },
    );
  }
  return Array.from({ length: count }, (_, i) => ({ name: `theta${i + 1}`, kind: 'other' as const }));
}

/**
 * How long a request of many calls (callMany, sgdChunk) may go on starting new ones, in seconds:
 * so one request lasts about one call, well within the per-call timeout.
 */
export const batchBudgetS = (timeoutMs: number): number => Math.min(2, timeoutMs / 8000);
