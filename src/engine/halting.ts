import { ImplementationFault } from '../findings/implementation-fault.ts';

/** Faults after which a property stops calling the implementation (each call would cost a timeout). */
const HALTING = ['timeout', 'not-run'] as const;
type HaltKind = (typeof HALTING)[number];

export interface Halt {
  kind: HaltKind;
  error: Error;
  /** The generated value that met it, and its index in the run (fast-check's path to replay it). */
  value: unknown;
  index: number;
}

/** The fault kind an error carries: an ImplementationFault's, or the cause a check named from one. */
function haltKind(e: unknown): HaltKind | undefined {
  const kind = e instanceof ImplementationFault ? e.kind : (e as { namedCause?: unknown } | undefined)?.namedCause;
  return (HALTING as readonly unknown[]).includes(kind) ? (kind as HaltKind) : undefined;
}

/**
 * Wraps a property's predicate: after the first timeout (or a call the circuit breaker refused)
 * every later call, i.e. each shrink step, fails at once with the same error, so a hanging
 * function costs one timeout per property and the report names the case that really hung.
 */
export function haltOnTimeout<T>(predicate: (v: T) => Promise<void> | void) {
  let calls = 0;
  let halt: Halt | undefined;
  return {
    run: async (v: T): Promise<void> => {
      const index = calls++;
      if (halt) throw halt.error;
      try {
        await predicate(v);
      } catch (e) {
        const kind = haltKind(e);
        if (kind) halt = { kind, error: e as Error, value: v, index };
        throw e;
      }
    },
    halted: (): Halt | undefined => halt,
  };
}
