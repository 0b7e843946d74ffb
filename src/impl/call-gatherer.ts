import { AsyncLocalStorage } from 'node:async_hooks';
import { ImplementationFault } from '../findings/implementation-fault.ts';
import { CallTape, copyResult } from './call-tape.ts';

/** How one kind of call is made: alone (with its checks), and, when the process can, many in one round trip. */
export interface CallKind<C, R> {
  /** The exact content of the call's arguments and the function it names; null: never kept. */
  tape(c: C): CallTape | null;
  one(c: C): Promise<R>;
  /**
   * The first calls' answers, each as it would be alone; stop replay: the next call must be made
   * alone (it raised or wrote into an argument); time: ask again for the rest. null: not now.
   */
  many?(cs: C[]): Promise<{ results: R[]; stop: 'done' | 'time' | 'replay' } | null>;
  /**
   * Calls sent together share a group (default: all of the kind): a request names one function,
   * the one its timeout is reported against and counted for.
   */
  group?(c: C): string;
}

/** A held call given up: gathering stopped on a fault (the run makes the call itself). */
class GatherStopped extends Error {}

/** Faults of the process, not of a call: such a call is not made twice (a second timeout would count twice). */
const PROCESS_FAULTS = new Set(['timeout', 'crashed', 'protocol']);
const isProcessFault = (e: unknown) => e instanceof ImplementationFault && PROCESS_FAULTS.has(e.kind);

/** The generated case a held call belongs to (its index in the run), set by inCase. */
const caseOf = new AsyncLocalStorage<number>();

/**
 * Runs fn as generated case i: its calls are sent in the order of their cases, the order the run
 * makes them in. So when a batch hangs or dies at a call (inCall), every call before it in the
 * batch, of an earlier case, is known to return: the run meets that fault at the call it
 * would meet it at case by case.
 */
export const inCase = <T>(i: number, fn: () => T): T => caseOf.run(i, fn);

interface Held {
  /** Its case (inCase), or the end when it has none. */
  at: number;
  kind: CallKind<unknown, unknown>;
  call: unknown;
  tape: CallTape;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/**
 * Answers a property's calls ahead of its run, many cases per round trip (gather), then serves
 * each answer once to the run itself, which makes its calls one case at a time as it always did.
 * For calls that depend on their arguments alone: an answer is what a call with exactly these
 * arguments (bit for bit) returned, so serving it is making the call. Only answers made while
 * gathering are kept, each served once: two identical calls of the run get two answers, as a
 * nondeterministic function must show. A call that wrote into its arguments is never kept (the
 * run must see the write), nor one that raised (the run makes it again). A process fault met while
 * gathering (a timeout) is given to the run's first call among those it hit, so it is met once,
 * and no more gathering is done in this run.
 */
export class CallGatherer {
  private readonly answers = new Map<number, { tape: CallTape; results: unknown[] }[]>();
  private gathering = false;
  private stopped = false;
  private held: Held[] = [];
  private scheduled = false;
  private chain: Promise<unknown> = Promise.resolve();
  private fault: { error: unknown; tapes: CallTape[] } | null = null;

  get isGathering(): boolean {
    return this.gathering;
  }

  /** Runs `cases` (a property's predicate on each generated value, all at once) with their calls held. */
  async gather(cases: () => Promise<unknown>): Promise<void> {
    if (this.stopped) return;
    this.gathering = true;
    try {
      await cases();
    } finally {
      this.gathering = false;
      await this.chain;
    }
  }

  /** Forgets every answer not served (after a property's run). */
  reset(): void {
    this.answers.clear();
    this.fault = null;
  }

  /** A call: held while gathering (sent with the other cases' when the kind takes many), else served or made. */
  async call<C, R>(kind: CallKind<C, R>, c: C): Promise<R> {
    const tape = kind.tape(c);
    if (this.gathering && tape) {
      if (this.stopped) throw new GatherStopped();
      if (!kind.many) return this.serial(() => this.makeOne(kind, c, tape));
      return new Promise<R>((resolve, reject) => {
        const at = caseOf.getStore() ?? Number.MAX_SAFE_INTEGER;
        this.held.push({ at, kind, call: c, tape, resolve: resolve as (v: unknown) => void, reject } as Held);
        if (!this.scheduled) {
          this.scheduled = true;
          // Every case whose previous answer came back asks its next call before the queue is sent.
          setImmediate(() => void this.serial(() => this.flush()));
        }
      });
    }
    if (tape) {
      const s = this.served(tape);
      if (s.hit) return s.value as R;
    }
    return this.makeOne(kind, c, tape);
  }

  /** The answers kept for the first of these calls (served now), or null when the first has none. */
  servedMany<C, R>(kind: CallKind<C, R>, cs: C[]): R[] | null {
    const out: R[] = [];
    for (const c of cs) {
      const tape = kind.tape(c);
      const s = tape ? this.served(tape) : { hit: false as const };
      if (!s.hit) break;
      out.push(s.value as R);
    }
    return out.length ? out : null;
  }

  /** Calls made as they come, one at a time while gathering: their order is the user's state. */
  inOrder<R>(fn: () => Promise<R>): Promise<R> {
    return this.gathering ? this.serial(fn) : fn();
  }

  private serial<R>(fn: () => Promise<R>): Promise<R> {
    const p = this.chain.then(fn);
    this.chain = p.catch(() => undefined);
    return p;
  }

  private keep(tape: CallTape, result: unknown): void {
    const bucket = this.answers.get(tape.hash) ?? [];
    this.answers.set(tape.hash, bucket);
    const same = bucket.find((a) => a.tape.equals(tape));
    if (same) same.results.push(copyResult(result));
    else bucket.push({ tape, results: [copyResult(result)] });
  }

  private served(tape: CallTape): { hit: true; value: unknown } | { hit: false } {
    if (this.fault?.tapes.some((t) => t.equals(tape))) {
      const e = this.fault.error;
      this.fault = null;
      throw e;
    }
    const a = this.answers.get(tape.hash)?.find((x) => x.tape.equals(tape));
    return a?.results.length ? { hit: true, value: a.results.shift() } : { hit: false };
  }

  private stop(error: unknown, tapes: CallTape[]): void {
    this.stopped = true;
    if (isProcessFault(error)) this.fault = { error, tapes };
  }

  /** One call made alone; kept (when gathering) if it neither raised nor wrote into its arguments. */
  private async makeOne<C, R>(kind: CallKind<C, R>, c: C, tape: CallTape | null): Promise<R> {
    try {
      const r = await kind.one(c);
      if (this.gathering && tape && kind.tape(c)?.equals(tape)) this.keep(tape, r);
      return r;
    } catch (e) {
      // Met while gathering, a fault of the process is kept for the run, which meets it (and counts it) itself.
      if (this.gathering && isProcessFault(e)) {
        this.stop(e, tape ? [tape] : []);
        throw new GatherStopped();
      }
      throw e;
    }
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.held;
    this.held = [];
    const groups = new Map<CallKind<unknown, unknown>, Map<string, Held[]>>();
    for (const h of batch) {
      const byGroup = groups.get(h.kind) ?? new Map<string, Held[]>();
      groups.set(h.kind, byGroup);
      const key = h.kind.group?.(h.call) ?? '';
      const group = byGroup.get(key) ?? [];
      byGroup.set(key, group);
      group.push(h);
    }
    for (const [kind, byGroup] of groups)
      for (const group of byGroup.values())
        await this.flushKind(
          kind,
          group.sort((a, b) => a.at - b.at),
        );
  }

  private async flushKind(kind: CallKind<unknown, unknown>, group: Held[]): Promise<void> {
    while (group.length) {
      if (this.stopped) return group.forEach((h) => h.reject(new GatherStopped()));
      let r: Awaited<ReturnType<NonNullable<typeof kind.many>>>;
      try {
        r = await kind.many!(group.map((h) => h.call));
      } catch (e) {
        // The process names the call that hung or died (CallProgress); else any of the batch's.
        const at = e instanceof ImplementationFault ? e.inCall : undefined;
        this.stop(e, at !== undefined && group[at] ? [group[at].tape] : group.map((h) => h.tape));
        return group.forEach((h) => h.reject(new GatherStopped()));
      }
      const results = r?.results ?? [];
      results.forEach((v, i) => {
        this.keep(group[i].tape, v);
        group[i].resolve(v);
      });
      group = group.slice(results.length);
      if (group.length && (!r || r.stop === 'replay' || results.length === 0)) {
        const h = group.shift()!;
        await this.makeOne(kind, h.call, h.tape).then(h.resolve, (e) =>
          h.reject(this.stopped ? new GatherStopped() : e),
        );
      }
    }
  }
}
