import type { FoundOps } from './discover.ts';

const AXES = {
  1: 'over rows (axis 1: one example per row)',
  0: 'over columns (axis 0: one example per column, column-major data)',
  vector:
    'of one example (a 1-D vector; given a 2-D batch it normalises the whole batch at once, so call it one example at a time)',
} as const;

const sig = (f: { name: string; params: string[] }) => `${f.name}(${f.params.join(', ')})`;

/** What discovery recognised and what not, one line each, for the run's notes. */
export function describeOps(o: FoundOps): string[] {
  const lines: string[] = [];
  for (const s of o.softmaxes)
    lines.push(`recognised ${sig(s.fn)} as a ${s.log ? 'log-softmax' : 'softmax'} ${AXES[s.axis]}`);
  for (const a of o.activations) {
    const named =
      a.shape && !a.fn.name.toLowerCase().replace(/[_-]/g, '').includes(a.shape.kind.replace('_', ''))
        ? ` (the name says otherwise)`
        : '';
    lines.push(
      `recognised ${sig(a.fn)} as an activation: ${a.shape?.label ?? 'unrecognised elementwise map (not sigmoid, tanh, ReLU or leaky ReLU)'}${a.float32 ? ', computed in float32' : ''}${named}`,
    );
  }
  for (const d of o.derivatives) {
    const of = d.forward ? `${d.forward.name}()` : (d.forwardShape?.label ?? 'an unknown forward');
    const expects =
      d.expects === 'a'
        ? 'it expects the activation a = f(z)'
        : d.expects === 'z'
          ? 'it expects the pre-activation z'
          : d.expects
            ? 'z or a = f(z) give the same'
            : `it matches neither z nor a = f(z) (${d.behaves ? `it behaves as the ${d.behaves.label}` : 'unrecognised'})`;
    lines.push(
      `recognised ${sig(d.fn)} as the derivative of ${of} (${d.byName ? 'by its name' : 'by behaviour'}); ${expects}`,
    );
  }
  for (const c of o.costs)
    lines.push(
      `recognised ${sig(c.fn)} as a cost of ${c.input} and ${c.labels} labels${c.columns ? ', one example per column' : ''}: ${c.loss?.label ?? 'unrecognised loss'}`,
    );
  // A private helper (_hidden, _log_softmax) is the author's plumbing, not an op to check: naming each
  // as "not recognised" on every run is noise. --op still names its role when it is one.
  const unrecognised = o.unrecognised.filter((x) => !x.fn.name.startsWith('_'));
  if (unrecognised.length) {
    const each = unrecognised.map((u) => `${sig(u.fn)}: ${u.why}`).join('; ');
    lines.push(
      `not recognised as ops: ${each} (rename a function, or name its role with --op ROLE=FUNCTION, ROLE one of softmax, activation, derivative, cost)`,
    );
  }
  return lines;
}
