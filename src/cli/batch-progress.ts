import cliProgress from 'cli-progress';
import { isFailedSubmission, type SubmissionResult } from '../findings/batch-report.ts';

export interface BatchProgress {
  done(result: SubmissionResult, done: number, total: number): void;
  stop(): void;
}

/** Whole seconds, as 4m05s past a minute (rounded first, so never 2m60s). */
export const clock = (seconds: number): string => {
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
};

/**
 * Progress of a batch: submissions done of total, failures so far and an ETA (the wall time per
 * submission so far, jobs included, times what is left). A bar on a terminal, a plain line
 * per submission when not a TTY or under CI, nothing when quiet.
 */
export function createBatchProgress(total: number, quiet: boolean): BatchProgress {
  const t0 = performance.now();
  let failing = 0;
  const eta = (done: number) =>
    done < total ? clock(((performance.now() - t0) / 1000 / done) * (total - done)) : '0s';
  if (quiet)
    return {
      done: (r) => {
        if (isFailedSubmission(r)) failing++;
      },
      stop() {},
    };
  if (process.stderr.isTTY && !process.env.CI) {
    const bar = new cliProgress.SingleBar(
      {
        format: 'nncheck [{bar}] {value}/{total} · {failing} failing · ETA {left} · {last}',
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { failing: 0, left: '?', last: '' });
    return {
      done(r, done) {
        if (isFailedSubmission(r)) failing++;
        bar.update(done, { failing, left: eta(done), last: r.path });
      },
      stop() {
        bar.stop();
      },
    };
  }
  return {
    done(r, done) {
      if (isFailedSubmission(r)) failing++;
      const t = ((performance.now() - t0) / 1000).toFixed(1);
      const verdict = `${r.verdict}${r.cached ? ' (cached)' : ''}`;
      process.stderr.write(`[${done}/${total}] ${t}s ${verdict} ${r.path} · ${failing} failing · ETA ${eta(done)}\n`);
    },
    stop() {},
  };
}
