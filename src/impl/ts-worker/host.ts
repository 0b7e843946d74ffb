/**
 * The child side: a Node process that loads the user's module through the same adapter nncheck
 * uses in process (loadTsModule) and answers calls over IPC. It can be stopped at any moment
 * (a synchronous endless loop, a promise that never settles) because it is not nncheck.
 */
import type { NetworkImplementation } from '../implementation.ts';
import { loadTsModule } from '../adapters/ts-module.ts';
import { SetupError } from '../adapters/setup-error.ts';
import { ImplementationFault } from '../../findings/implementation-fault.ts';
import { matricesIn, type Reply, type Request, type WireError } from './protocol.ts';
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
    };
    return { id: m.id, ok: true, value, mutated: [], notes: [] };
  }
  const live = impl!;
  const inputs = matricesIn(m.args);
  const before = inputs.map((x) => Float64Array.from(x.data));
  const mutated = (): [number, Float64Array][] =>
    inputs.flatMap((x, i) =>
      x.data.every((v, j) => Object.is(v, before[i][j])) ? [] : [[i, x.data] as [number, Float64Array]],
    );
  const newNotes = () => {
    const n = live.notes.slice(notesSent);
    notesSent = live.notes.length;
    return n;
  };
  try {
    const a = m.args as never[];
    const each = async <T>(sets: never[], f: (p: never) => Promise<T>) => {
      const out: T[] = [];
      for (const p of sets) out.push(await f(p));
      return out;
    };
    let value: unknown;
    if (m.method === 'lossMany') value = await each(a[0], (p) => live.loss(p, a[1], a[2], a[3]));
    else if (m.method === 'forwardMany') value = await each(a[0], (p) => live.forward(p, a[1]));
    else value = await (live[m.method] as (...x: never[]) => Promise<unknown>)(...a);
    return { id: m.id, ok: true, value, mutated: mutated(), notes: newNotes() };
  } catch (e) {
    return { id: m.id, ok: false, error: wire(e), mutated: mutated(), notes: newNotes() };
  }
}

process.on('message', (m: Request) => {
  answer(m).then(send, (e) => send({ id: m.id, ok: false, error: wire(e) }));
});
// nncheck closed the channel: the run is over, whatever timers user code left behind.
process.on('disconnect', () => process.exit(0));
