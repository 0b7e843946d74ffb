import type { Finding } from '../findings/finding.ts';
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

/**
 * The crashes of a run as findings (bugs): one per kind, counted, with the first one's output.
 * Timeouts are not repeated here: the checks that met them report them (or were not run).
 */
export function incidentFindings(incidents: readonly Incident[], subject: string): Finding[] {
  const out: Finding[] = [];
  for (const kind of ['crashed', 'protocol'] as const) {
    const mine = incidents.filter((i) => i.kind === kind);
    if (mine.length === 0) continue;
    const first = mine[0];
    const times = mine.length === 1 ? 'once' : `${mine.length} times`;
    out.push({
      subject, suite: 'process', property: kind === 'crashed' ? 'the process running the implementation stays up' : "nothing but nncheck writes to nncheck's channel",
      verdict: 'error', severity: 'bug', ms: 0, cause: kind === 'crashed' ? 'process-crashed' : undefined,
      message: `${kind === 'crashed' ? 'the process running the implementation died' : 'the implementation wrote to nncheck\'s channel'} ${times} during the run; the first time in ${first.call}: ${first.message.split('\n')[0]}`,
      detail: first.message.includes('\n') ? first.message.slice(first.message.indexOf('\n') + 1) : first.detail,
      hint: 'nncheck restarted it and went on; the checks that were running are marked',
    });
  }
  return out;
}
