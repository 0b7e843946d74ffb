/**
 * The child side: a Node process that loads the user's module through the same adapter nncheck
 * uses in process (loadTsModule) and answers calls over IPC. It can be stopped at any moment
 * (a synchronous endless loop, a promise that never settles) because it is not nncheck.
 */
import type { Matrix } from '../../core/matrix.ts';
import type { NetworkImplementation, PlainCall, SgdChunkRequest } from '../implementation.ts';
import { loadTsModule } from '../adapters/ts-module.ts';
import { SetupError } from '../adapters/setup-error.ts';
import { ImplementationFault } from '../../findings/implementation-fault.ts';
import { matricesIn, type Method, type Reply, type Request, type Tick, type WireError } from './protocol.ts';
import { runCalls, runSgdChunk, type Attempt } from './batched-ops.ts';
import { closeStdin } from './closed-stdin.ts';
import { watchParent } from './watch-parent.ts';

closeStdin();
watchParent();
let impl: NetworkImplementation | null = null;
let notesSent = 0;
const send = (r: Reply | (Omit<Reply, 'mutated' | 'notes'> & { mutated?: never[]; notes?: string[] })) =>
  process.send!(r);

function wire(e: unknown): WireError {
  if (e instanceof SetupError) {
    const suffix = e.fix ? `\n  fix: ${e.fix}` : '';
    return {
      kind: 'setup',
      name: e.name,
      message: suffix && e.message.endsWith(suffix) ? e.message.slice(0, -suffix.length) : e.message,
      fix: e.fix,
    };
  }
  if (e instanceof ImplementationFault)
    return { kind: 'fault', faultKind: e.kind, name: e.name, message: e.message, detail: e.detail };
  const err = e as Error | undefined;
  return { kind: 'thrown', name: err?.name ?? typeof e, message: err?.message ?? String(e), detail: err?.stack };
}

/** Matrices that differ from their copies taken before a call (by Object.is: NaN equals NaN, 0 is not −0). */
function written(inputs: Matrix[], before: Float64Array[]): [number, Float64Array][] {
  const out: [number, Float64Array][] = [];
  inputs.forEach((x, i) => {
    const a = x.data,
      b = before[i];
    for (let j = 0; j < a.length; j++)
      if (!Object.is(a[j], b[j])) {
        out.push([i, a]);
        return;
      }
  });
  return out;
}

/** One call of the live implementation: its value or what it threw, and the argument matrices it wrote into. */
async function invoke(live: NetworkImplementation, method: Method, args: unknown[]) {
  const inputs = matricesIn(args);
  const before = inputs.map((x) => x.data.slice());
  const a = args as never[];
  const each = async <T>(sets: never[], f: (p: never) => Promise<T>) => {
    const out: T[] = [];
    for (const p of sets) out.push(await f(p));
    return out;
  };
  try {
    let value: unknown;
    if (method === 'lossMany') value = await each(a[0], (p) => live.loss(p, a[1], a[2], a[3]));
    else if (method === 'forwardMany') value = await each(a[0], (p) => live.forward(p, a[1]));
    else value = await (live[method as CallMethod] as (...x: never[]) => Promise<unknown>)(...a);
    return { ok: true as const, value, mutated: written(inputs, before) };
  } catch (e) {
    return { ok: false as const, error: e, mutated: written(inputs, before) };
  }
}

type CallMethod = Exclude<Method, 'calls' | 'sgd' | 'lossMany' | 'forwardMany'>;

/**
 * A call inside a request of many, taken only when a request of its own would answer it with a
 * plain value: its value as that request's reply would carry it (a structured clone, so later
 * calls cannot change it), else null.
 */
const attempt =
  (live: NetworkImplementation): Attempt =>
  async (method, args) => {
    const r = await invoke(live, method, args);
    if (!r.ok || r.mutated.length > 0) return null;
    try {
      return { value: structuredClone(r.value) };
    } catch {
      return null; // a value the channel cannot carry: the call alone meets it as before
    }
  };

async function answer(m: Request): Promise<Reply> {
  if (m.type === 'load') {
    impl = await loadTsModule(m.path, m.opts);
    notesSent = impl.notes.length;
    const value = {
      name: impl.name,
      activation: impl.activation,
      layout: impl.layout,
      notes: [...impl.notes],
      leakySlope: impl.leakySlope,
      precision: impl.precision,
      hasTrain: !!impl.train,
      statelessCalls: impl.statelessCalls,
    };
    return { id: m.id, ok: true, value, mutated: [], notes: [] };
  }
  const live = impl!;
  const newNotes = () => {
    const n = live.notes.slice(notesSent);
    notesSent = live.notes.length;
    return n;
  };
  // A request of many calls writes nothing back: it stops before a call that writes into its arguments.
  if (m.method === 'calls' || m.method === 'sgd') {
    const tick = () => process.send!({ id: m.id, tick: true } satisfies Tick);
    const value =
      m.method === 'calls'
        ? await runCalls(attempt(live), ...(m.args as [PlainCall[], number]))
        : await runSgdChunk(attempt(live), m.args[0] as SgdChunkRequest, m.args[1] as number, tick);
    return { id: m.id, ok: true, value, mutated: [], notes: newNotes() };
  }
  const r = await invoke(live, m.method, m.args);
  return r.ok
    ? { id: m.id, ok: true, value: r.value, mutated: r.mutated, notes: newNotes() }
    : { id: m.id, ok: false, error: wire(r.error), mutated: r.mutated, notes: newNotes() };
}

process.on('message', (m: Request) => {
  answer(m).then(send, (e) => send({ id: m.id, ok: false, error: wire(e) }));
});
// nncheck closed the channel: the run is over, whatever timers user code left behind.
process.on('disconnect', () => process.exit(0));
