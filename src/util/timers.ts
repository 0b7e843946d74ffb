/** setTimeout's largest delay (2^31 − 1 ms, about 24.8 days): a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A delay setTimeout honours: longer ones are capped (callers say so where the user set them). */
export const timerMs = (ms: number): number => Math.min(Math.max(0, ms), MAX_TIMER_MS);
