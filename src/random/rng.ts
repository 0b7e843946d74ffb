import seedrandom from 'seedrandom';

/** A seeded source of randomness; every random draw in nncheck comes through one of these. */
export interface Rng {
  uniform(): number;
  normal(): number;
  int(n: number): number;
  /** A derived, independent stream, so that adding a draw in one place never shifts another. */
  fork(label: string): Rng;
  readonly seed: string;
}

export function createRng(seed: number | string): Rng {
  const key = String(seed);
  const prng = seedrandom(key);
  let spare: number | null = null;
  return {
    seed: key,
    uniform: () => prng(),
    normal() {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      // Box-Muller; 1 − u keeps the log argument in (0, 1].
      const u = 1 - prng();
      const v = prng();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    int: (n: number) => Math.floor(prng() * n),
    fork: (label: string) => createRng(`${key}/${label}`),
  };
}

export function shuffleInPlace<T>(rng: Rng, a: T[] | Int32Array): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

export function permutation(rng: Rng, n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  shuffleInPlace(rng, p);
  return p;
}
