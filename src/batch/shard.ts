import { createHash } from 'node:crypto';

export interface Shard {
  index: number;
  count: number;
}

/** Parses `I/N` (1 ≤ I ≤ N); the message says what was expected. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN,
    count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count)
    throw new Error(`--shard must be I/N with 1 ≤ I ≤ N (e.g. 2/3), got '${text}'`);
  return { index, count };
}

/**
 * The shard (1..N) a submission belongs to: from a hash of its path alone, so a shard's share does
 * not change when files are added or removed elsewhere, and shares are balanced in expectation
 * (a uniform hash modulo N). Every shard job must name the inputs with the same paths.
 */
export function shardOf(path: string, count: number): number {
  const h = createHash('sha256').update(path).digest();
  return (h.readUInt32BE(0) % count) + 1;
}

export const inShard = (path: string, s: Shard): boolean => shardOf(path, s.count) === s.index;

export const formatShard = (s: Shard): string => `${s.index}/${s.count}`;
