import { constants } from 'node:os';
import { killAllGroups } from '../util/process-groups.ts';

/** What a command leaves behind when stopped: it writes the partial report it has. */
type PartialWriter = (signal: NodeJS.Signals, exitCode: number) => void;
let writer: PartialWriter | null = null;

/** The command running now registers how to write what it has so far (null when done). */
export function onInterrupt(w: PartialWriter | null): void {
  writer = w;
}

/**
 * SIGINT, SIGTERM and SIGHUP (a terminal's Ctrl-C, a CI runner or a supervisor stopping the
 * job, a closed terminal): end every process group nncheck started, write the partial report,
 * exit 128 + the signal's number. A second signal while writing exits at once.
 */
export function handleSignals(): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      const code = 128 + constants.signals[signal];
      killAllGroups();
      if (stopping) process.exit(code);
      stopping = true;
      try {
        writer?.(signal, code);
      } catch (e) {
        process.stderr.write(`nncheck: the partial report could not be written: ${(e as Error).message}\n`);
      }
      process.exit(code);
    });
  }
}
