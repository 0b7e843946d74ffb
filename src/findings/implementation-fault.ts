/**
 * How user code misbehaved: thrown by the adapters that call it (a crash, a timeout, a wrong
 * shape) and by the gradient checker's evaluator (NaN, a mutated input), and named by the
 * findings. It lives in the result model because both the gradient checker (layer 2) and the
 * implementation adapters (layer 3) throw it.
 */
export class ImplementationFault extends Error {
  /** For a request of many calls that hung or died: the index of the call that was running. */
  inCall?: number;

  constructor(
    readonly kind: FaultKind,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'ImplementationFault';
  }
}

export type FaultKind =
  | 'exception'
  | 'non-finite'
  | 'shape'
  | 'nondeterministic'
  | 'mutated-input'
  | 'timeout'
  | 'crashed'
  | 'protocol'
  | 'returned-none'
  | 'not-run';
