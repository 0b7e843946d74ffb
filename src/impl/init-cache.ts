import type { Matrix } from '../core/matrix.ts';

const copy = (m: Matrix): Matrix => ({ rows: m.rows, cols: m.cols, data: m.data.slice() });
const same = (a: Matrix[], b: Matrix[]) =>
  a.length === b.length &&
  a.every((m, i) => m.rows === b[i].rows && m.cols === b[i].cols && m.data.every((x, j) => Object.is(x, b[i].data[j])));

/** Entries kept at most: a run asks for about a hundred sizes and seeds. */
const MAX_ENTRIES = 1024;

/**
 * init_params(D, H, K, seed) answers for a file of functions, asked again and again by the
 * properties (each generated case draws its sizes and seed, and every property of a suite draws
 * the same ones). The contract makes it a function of its arguments; the cache is switched on
 * only after two calls with the same arguments returned the same arrays bit for bit (an
 * initialisation that ignores the seed never repeats itself, and is then always called). For
 * a class, a call answered here builds no instance: the bridge builds the one each call's
 * parameter shapes need when the call comes (nncheck_class_shape.instance_for); layer objects and
 * attributes, which keep the instance init_params built last, are never cached.
 * Each answer is a fresh copy (callers edit the parameters they get).
 */
export class InitCache {
  private readonly entries = new Map<string, Matrix[]>();
  private on = false;
  /** Learning from the run's own calls: answers kept until a call is repeated, which decides. */
  private learning = false;

  /** Switches the cache on when the two answers to one call agree exactly. */
  enableIfRepeatable(first: Matrix[], second: Matrix[]): void {
    this.on = same(first, second);
  }

  /**
   * Decides on the run's first repeated call instead (no extra call at load, where an
   * initialisation that hangs would cost a timeout before any check): on when its two answers
   * agree exactly, else off for good.
   */
  learnFromRepeats(): void {
    this.learning = true;
  }

  async get(D: number, H: number, K: number, seed: number, call: () => Promise<Matrix[]>): Promise<Matrix[]> {
    const key = `${D},${H},${K},${seed}`;
    const hit = this.on ? this.entries.get(key) : undefined;
    if (hit) return hit.map(copy);
    const out = await call();
    if (this.learning) {
      const before = this.entries.get(key);
      if (before) {
        this.learning = false;
        this.on = same(before, out);
        if (!this.on) this.entries.clear();
      }
    }
    if ((this.on || this.learning) && this.entries.size < MAX_ENTRIES) this.entries.set(key, out.map(copy));
    return out;
  }
}
