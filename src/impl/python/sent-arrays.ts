import type { Matrix } from '../../core/matrix.ts';

export interface CacheLimits {
  /** Arrays smaller than this (elements) always travel inline: comparing would cost more than sending. */
  minElements: number;
  maxEntries: number;
  maxBytes: number;
}

export const DEFAULT_CACHE_LIMITS: CacheLimits = { minElements: 4096, maxEntries: 16, maxBytes: 32 << 20 };
/** Every array inline, as before the cache: for comparisons. */
export const NO_CACHE: CacheLimits = { minElements: Infinity, maxEntries: 0, maxBytes: 0 };

const SEEN_ONCE = 64;

/** Length and 64 sampled entries, hashed (FNV-1a over their 32-bit halves): cheap, not exact. */
function fingerprint(data: Float64Array): string {
  const words = new Int32Array(data.buffer, data.byteOffset, data.length * 2);
  let h = 0x811c9dc5 | 0;
  for (let k = 0; k < 64; k++) {
    const i = 2 * Math.floor((k * data.length) / 64);
    h = Math.imul(h ^ words[i], 0x01000193);
    h = Math.imul(h ^ words[i + 1], 0x01000193);
  }
  const last = words.length - 1;
  h = Math.imul(Math.imul(h ^ words[last - 1], 0x01000193) ^ words[last], 0x01000193);
  return `${data.length}:${h}`;
}

/** How one request's arrays travel: see array_store.py for the Python side. */
export interface SendPlan {
  /** The arrays whose bytes go in the payload. */
  inline: Matrix[];
  /** Per argument: 0 for the next inline array, else the id of the bytes the Python side holds. */
  refs: number[];
  /** [argument, id]: inline arrays the Python side stores under id. */
  keep: [number, number][];
  /** Ids the Python side may let go of. */
  drop: number[];
  /** Arrays named by identity alone, before their bytes were compared: see `confirm`. */
  unchecked: { data: Float64Array; bytes: Buffer }[];
}

/**
 * The client's half of the array cache: the bytes it sent to the current Python process under
 * each id, least recently used first. An id is named instead of the bytes only when the bytes
 * about to be sent equal the bytes sent under it (compared in full, natively), so a cached
 * array can never be stale, whatever happened to the JavaScript array in between; no hash, so
 * no collision either. Identity plays no part: a fresh array with the same content hits.
 * An array is kept the second time it is sent (a sampled fingerprint remembers the first), so
 * arrays that change every call (parameters in training, mini-batches) are not copied on both
 * sides for nothing; the fingerprint only decides what to keep, never what to name.
 * Cleared whenever the process is replaced (it starts with an empty store).
 *
 * A request that may be made twice can name an array by identity alone (the same object last
 * sent or named under that id) and have its bytes compared after the request is written, while
 * the Python side works: the compare then costs no time. An array whose bytes changed in place
 * fails `confirm`, the answer (made on the bytes that object held before) is thrown away and the
 * request made again with the compare first; that object is never named by identity again.
 */
export class SentArrays {
  private entries = new Map<number, Buffer>();
  private bytes = 0;
  private nextId = 1;
  private pendingDrops: number[] = [];
  /** Fingerprints of large arrays sent once and not kept, oldest first. */
  private seenOnce = new Set<string>();
  /** The id each array object was last sent or named under. */
  private idOf = new WeakMap<Float64Array, number>();
  /** Objects whose bytes once changed after they were sent: always compared first. */
  private changedInPlace = new WeakSet<Float64Array>();
  /** Arrays named by id instead of sent, arrays sent to be kept, ids lost, requests made again: for tests. */
  readonly counts = { named: 0, kept: 0, lost: 0, redone: 0 };

  constructor(readonly limits: CacheLimits = DEFAULT_CACHE_LIMITS) {}

  get size(): number {
    return this.entries.size;
  }

  /**
   * Decides how `arrays` travel and records what the Python side will hold once it has read them.
   * With `byIdentity`, an array object already sent may be named before its bytes are compared:
   * the caller must then `confirm` the plan once the request is written.
   */
  plan(arrays: readonly Matrix[], byIdentity = false): SendPlan | null {
    if (!arrays.some((a) => this.cacheable(a)) && this.pendingDrops.length === 0) return null;
    const plan: SendPlan = { inline: [], refs: [], keep: [], drop: [], unchecked: [] };
    arrays.forEach((a, slot) => {
      const guess = byIdentity && this.cacheable(a) ? this.sameObject(a.data) : 0;
      if (guess) {
        this.counts.named++;
        plan.refs.push(guess);
        plan.unchecked.push({ data: a.data, bytes: this.entries.get(guess)! });
        return;
      }
      const id = this.cacheable(a) ? this.find(a.data) : 0;
      if (id) {
        this.counts.named++;
        plan.refs.push(id);
        return;
      }
      plan.refs.push(0);
      plan.inline.push(a);
      if (!this.cacheable(a) || !this.sentBefore(a.data)) return;
      this.counts.kept++;
      plan.keep.push([slot, this.add(a.data)]);
    });
    plan.drop = this.pendingDrops;
    this.pendingDrops = [];
    return plan;
  }

  /** True when every array the plan named by identity still holds the bytes sent under its id. */
  confirm(plan: SendPlan): boolean {
    let same = true;
    for (const { data, bytes } of plan.unchecked) {
      if (bytes.equals(Buffer.from(data.buffer, data.byteOffset, data.byteLength))) continue;
      this.idOf.delete(data);
      this.changedInPlace.add(data);
      same = false;
    }
    if (!same) this.counts.redone++;
    return same;
  }

  /** The Python side does not hold these (it answered a miss): they will be sent again. */
  forget(ids: readonly number[]): void {
    this.counts.lost += ids.length;
    for (const id of ids) this.remove(id);
  }

  /** A new process holds nothing. */
  clear(): void {
    this.seenOnce.clear();
    this.entries.clear();
    this.bytes = 0;
    this.pendingDrops = [];
  }

  private cacheable(a: Matrix): boolean {
    return a.data.length >= this.limits.minElements && a.data.byteLength <= this.limits.maxBytes;
  }

  /** True when these bytes were probably sent before (else remembers them): worth keeping. */
  private sentBefore(data: Float64Array): boolean {
    const fp = fingerprint(data);
    if (this.seenOnce.delete(fp)) return true;
    this.seenOnce.add(fp);
    if (this.seenOnce.size > SEEN_ONCE) this.seenOnce.delete(this.seenOnce.values().next().value!);
    return false;
  }

  /** The id this very object was last sent or named under, if the Python side still holds it. */
  private sameObject(data: Float64Array): number {
    const id = this.idOf.get(data);
    const bytes = id === undefined || this.changedInPlace.has(data) ? undefined : this.entries.get(id);
    if (!bytes || bytes.length !== data.byteLength) return 0;
    this.entries.delete(id!); // most recently used last
    this.entries.set(id!, bytes);
    return id!;
  }

  private find(data: Float64Array): number {
    const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    for (const [id, bytes] of this.entries) {
      if (bytes.length === view.length && bytes.equals(view)) {
        this.entries.delete(id); // most recently used last
        this.entries.set(id, bytes);
        this.idOf.set(data, id);
        return id;
      }
    }
    return 0;
  }

  private add(data: Float64Array): number {
    const id = this.nextId++;
    const bytes = Buffer.allocUnsafeSlow(data.byteLength);
    Buffer.from(data.buffer, data.byteOffset, data.byteLength).copy(bytes);
    this.entries.set(id, bytes);
    this.idOf.set(data, id);
    this.bytes += bytes.length;
    for (const [old] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes) break;
      if (old === id) continue;
      this.remove(old);
      this.pendingDrops.push(old);
    }
    return id;
  }

  private remove(id: number): void {
    const bytes = this.entries.get(id);
    if (!bytes) return;
    this.entries.delete(id);
    this.bytes -= bytes.length;
  }
}
