import type { Finding } from '../findings/finding.ts';
import { ImplementationFault } from '../findings/implementation-fault.ts';
import { finding } from '../findings/build.ts';

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
  if (f.kind === 'crashed' || f.kind === 'timeout' || f.kind === 'protocol')
    list.push({ kind: f.kind, call, message: f.message, detail: f.detail });
  return f;
}

const firstLine = (i: Incident) => i.message.split('\n')[0];

/**
 * The crashes and timeouts of a run as findings (bugs): crashes one per kind, timeouts one per
 * function, counted, with the first one's output. A timeout met outside any property (the smoke
 * test, a probe) is reported here even when every check that would call the function was not run.
 */
export function incidentFindings(incidents: readonly Incident[], subject: string): Finding[] {
  const out: Finding[] = [];
  const timeouts = incidents.filter((i) => i.kind === 'timeout');
  for (const call of new Set(timeouts.map((i) => i.call))) {
    const mine = timeouts.filter((i) => i.call === call);
    const times = mine.length === 1 ? 'once' : `${mine.length} times`;
    const stopped = mine.length >= 2 ? '; nncheck stopped calling it, so the checks that need it were not run' : '';
    out.push(
      finding({
        subject,
        id: `process.returns-in-time:${call}`,
        suite: 'process',
        property: `${call} returns within --timeout`,
        verdict: 'error',
        severity: 'bug',
        cause: 'call-timeout',
        message:
          `${call} did not return within the time limit ${times} during the run${stopped}: ` + firstLine(mine[0]),
        hint:
          'make it return (an endless loop, a wait on input, a lock, a promise that never settles?), ' +
          'or raise the limit with --timeout SECONDS',
      }),
    );
  }
  for (const kind of ['crashed', 'protocol'] as const) {
    const mine = incidents.filter((i) => i.kind === kind);
    if (mine.length === 0) continue;
    const first = mine[0];
    const times = mine.length === 1 ? 'once' : `${mine.length} times`;
    const what =
      kind === 'crashed'
        ? 'the process running the implementation died'
        : "the implementation wrote to nncheck's channel";
    out.push(
      finding({
        subject,
        id: kind === 'crashed' ? 'process.stays-up' : 'process.channel-clean',
        suite: 'process',
        property:
          kind === 'crashed'
            ? 'the process running the implementation stays up'
            : "nothing but nncheck writes to nncheck's channel",
        verdict: 'error',
        severity: 'bug',
        cause: kind === 'crashed' ? 'process-crashed' : undefined,
        message: `${what} ${times} during the run; the first time in ${first.call}: ${firstLine(first)}`,
        detail: first.message.includes('\n') ? first.message.slice(first.message.indexOf('\n') + 1) : first.detail,
        hint: 'nncheck restarted it and went on; the checks that were running are marked',
      }),
    );
  }
  return out;
}
