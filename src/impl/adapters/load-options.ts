import type { ActivationName } from '../../ops/activation.ts';

/**
 * How to load an implementation: the one options type the CLI, the API (check, compare, replay),
 * batch and the vitest glue pass down to the loaders. The TypeScript adapters read the class and
 * the activation; the process around them (Python bridge, Node worker) reads the rest.
 */
export interface LoadOptions {
  /** For a module holding several classes: which one to check. */
  className?: string;
  /** Overrides or supplies the hidden activation. */
  activation?: ActivationName;
  /** The Python interpreter for .py files. */
  python?: string;
  /** Limit for one call into the implementation. */
  timeoutMs?: number;
  /** role=ClassName pairs for layer-style modules (dense, activation, softmax, loss, fused). */
  layerClasses?: string;
}
