import { CallTape } from '../call-tape.ts';
import { CallGatherer, type CallKind } from '../call-gatherer.ts';
import type { CallResult, FreeCall, FreeFunctions } from './free-functions.ts';

/**
 * A file's free functions whose calls a property's cases make together, many per round trip,
 * while gathering (see CallGatherer). A free function is called with its arguments alone (a
 * change it makes to one comes back in its answer, never into nncheck's arrays), so an answer
 * kept for exactly these arguments is the call's answer.
 */
export function withFreeFunctionMemo(ff: FreeFunctions) {
  const g = new CallGatherer();
  const kind: CallKind<FreeCall, CallResult> = {
    tape: (c) => CallTape.of([c.name, c.args]),
    one: (c) => ff.call(c.name, c.args),
    many: ff.callMany?.bind(ff),
  };
  const gathered: FreeFunctions = Object.create(ff);
  gathered.call = (name, args) => g.call(kind, { name, args });
  return {
    ff: gathered,
    gather: (cases: () => Promise<unknown>) => (ff.callMany ? g.gather(cases) : Promise.resolve()),
    reset: () => g.reset(),
  };
}
