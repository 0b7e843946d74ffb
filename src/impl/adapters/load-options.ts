import type { ActivationName } from '../../ops/activation.ts';

/** What the TypeScript/JavaScript adapters need to know beyond the module itself. */
export interface LoadOptions {
  /** For a module holding several classes: which one to check. */
  className?: string;
  /** Overrides or supplies the hidden activation. */
  activation?: ActivationName;
}
