/**
 * The exact content of a call's arguments as one flat list of numbers (a tape): numbers, typed
 * arrays, matrices, lists and plain objects, each tagged with its kind and length. Two calls
 * whose tapes are equal bit for bit (−0 is not 0, NaN payloads count) received the same values.
 */
export class CallTape {
  private constructor(
    readonly words: Uint32Array,
    readonly hash: number,
  ) {}

  /** The tape of `args`, or null when an argument is not data (a function, a class instance...). */
  static of(args: readonly unknown[]): CallTape | null {
    const out: number[] = [];
    if (!write(args, out)) return null;
    const words = new Uint32Array(Float64Array.from(out).buffer);
    // FNV-1a over 32-bit words: only buckets the memo; equality is checked on the words themselves.
    let h = 0x811c9dc5;
    for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], 0x01000193);
    return new CallTape(words, h >>> 0);
  }

  equals(o: CallTape): boolean {
    if (o.hash !== this.hash || o.words.length !== this.words.length) return false;
    for (let i = 0; i < this.words.length; i++) if (o.words[i] !== this.words[i]) return false;
    return true;
  }
}

const TAG = { number: 1, floats: 2, list: 3, null: 4, undefined: 5, string: 6, true: 7, false: 8, object: 9, ints: 10 };

function write(x: unknown, out: number[]): boolean {
  if (typeof x === 'number') out.push(TAG.number, x);
  else if (x === null) out.push(TAG.null);
  else if (x === undefined) out.push(TAG.undefined);
  else if (typeof x === 'boolean') out.push(x ? TAG.true : TAG.false);
  else if (typeof x === 'string') {
    out.push(TAG.string, x.length);
    for (let i = 0; i < x.length; i++) out.push(x.charCodeAt(i));
  } else if (x instanceof Float64Array || x instanceof Float32Array || x instanceof Int32Array) {
    out.push(x instanceof Int32Array ? TAG.ints : TAG.floats, x.length);
    for (let i = 0; i < x.length; i++) out.push(x[i]);
  } else if (Array.isArray(x)) {
    out.push(TAG.list, x.length);
    for (const v of x) if (!write(v, out)) return false;
  } else if (typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype) {
    const keys = Object.keys(x).sort();
    out.push(TAG.object, keys.length);
    for (const k of keys) if (!write(k, out) || !write((x as Record<string, unknown>)[k], out)) return false;
  } else return false;
  return true;
}

/** A deep copy of a call's result (numbers, matrices, lists of them), so no two readers share arrays. */
export function copyResult<R>(r: R): R {
  if (Array.isArray(r)) return r.map(copyResult) as R;
  if (r instanceof Float64Array) return r.slice() as R;
  if (r !== null && typeof r === 'object' && 'data' in r) {
    const m = r as unknown as { rows: number; cols: number; data: Float64Array };
    return { ...m, data: m.data.slice() } as R;
  }
  return r;
}
