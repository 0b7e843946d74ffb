import cliProgress from 'cli-progress';

export interface Progress {
  stage(index: number, total: number, label: string): void;
  stop(): void;
}

/** A bar on a terminal; plain lines when not a TTY or under CI; nothing when quiet. */
export function createProgress(quiet: boolean): Progress {
  if (quiet) return { stage() {}, stop() {} };
  if (process.stderr.isTTY && !process.env.CI) {
    const bar = new cliProgress.SingleBar(
      {
        format: 'nncheck [{bar}] {value}/{total} {label}',
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      stage(i, total, label) {
        if (!started) {
          bar.start(total, 0, { label });
          started = true;
        }
        bar.update(i - 1, { label });
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  const t0 = performance.now();
  return {
    stage(i, total, label) {
      process.stderr.write(`[${i}/${total}] ${((performance.now() - t0) / 1000).toFixed(1)}s ${label}\n`);
    },
    stop() {},
  };
}
