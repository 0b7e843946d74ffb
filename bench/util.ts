/** Median milliseconds per call over `reps` timed calls after `warmup` untimed ones. */
export function timeMs(fn: () => void, reps: number, warmup = Math.max(3, reps >> 3)): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

export async function timeMsAsync(fn: () => Promise<void>, reps: number, warmup = 3): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

export const fmt = (ms: number): string => `${ms.toFixed(2)} ms`;
