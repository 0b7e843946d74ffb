/**
 * The child side: a Node process that loads the user's module through the same adapter nncheck
 * uses in process (loadTsModule) and answers calls over IPC. It can be stopped at any moment
 * (a synchronous endless loop, a promise that never settles) because it is not nncheck.
 */
import type { NetworkImplementation, PlainCall, SgdChunkRequest } from '../implementation.ts';
import { loadTsModule } from '../adapters/ts-module.ts';
import { SetupError } from '../adapters/setup-error.ts';
import { ImplementationFault } from '../../findings/implementation-fault.ts';
import type { Reply, Request, Tick, WireError } from './protocol.ts';
import { runCalls, runSgdChunk } from './batched-ops.ts';
import { attempt, invoke } from './invoke.ts';
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
        ? await runCalls(attempt(live), ...(m.args as [PlainCall[], number, string?]))
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
