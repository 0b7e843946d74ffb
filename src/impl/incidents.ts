import { ImplementationFault } from '../gradcheck/objective.ts';

/**
 * What happened to the process running user code during a run (a crash, a timeout, garbage on
 * the channel), recorded by the adapter as it happens so that the report names each one even
 * when the property that met it went on to fail for another reason.
 */
export interface Incident {
  kind: 'crashed' | 'timeout' | 'protocol';
  /** The call that was running, e.g. "loss()". */
  call: string;
  message: string;
  detail?: string;
}

/** Records an ImplementationFault that ended the process; returns it for throwing. */
export function recordIncident(list: Incident[], f: ImplementationFault, call: string): ImplementationFault {
  if (f.kind === 'crashed' || f.kind === 'timeout' || f.kind === 'protocol') list.push({ kind: f.kind, call, message: f.message, detail: f.detail });
  return f;
}
