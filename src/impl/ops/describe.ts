import { isEvidentActivation, type FoundOps } from './discover.ts';

type Activation = FoundOps['activations'][number];
type Derivative = FoundOps['derivatives'][number];
type Cost = FoundOps['costs'][number];

const AXES = {
  1: 'over rows (axis 1: one example per row)',
  0: 'over columns (axis 0: one example per column, column-major data)',
  vector:
    'of one example (a 1-D vector; given a 2-D batch it normalises the whole batch at once, ' +
    'so call it one example at a time)',
} as const;

const UNKNOWN_ACTIVATION = 'unrecognised elementwise map (not sigmoid, tanh, ReLU or leaky ReLU)';
const OP_HINT =
  'rename a function, or name its role with --op ROLE=FUNCTION, ROLE one of softmax, activation, derivative, cost';

const sig = (f: { name: string; params: string[] }) => `${f.name}(${f.params.join(', ')})`;

function activationLine(a: Activation): string {
  const named =
    a.shape && !a.fn.name.toLowerCase().replace(/[_-]/g, '').includes(a.shape.kind.replace('_', ''))
      ? ` (the name says otherwise)`
      : '';
  const float32 = a.float32 ? ', computed in float32' : '';
  return `recognised ${sig(a.fn)} as an activation: ${a.shape?.label ?? UNKNOWN_ACTIVATION}${float32}${named}`;
}

/** Which input the derivative takes: z, a = f(z), either, or neither (then what it behaves as). */
function expectsText(d: Derivative): string {
  if (d.expects === 'a') return 'it expects the activation a = f(z)';
  if (d.expects === 'z') return 'it expects the pre-activation z';
  if (d.expects) return 'z or a = f(z) give the same';
  return `it matches neither z nor a = f(z) (${d.behaves ? `it behaves as the ${d.behaves.label}` : 'unrecognised'})`;
}

function derivativeLine(d: Derivative): string {
  const of = d.forward ? `${d.forward.name}()` : (d.forwardShape?.label ?? 'an unknown forward');
  const how = d.byName ? 'by its name' : 'by behaviour';
  return `recognised ${sig(d.fn)} as the derivative of ${of} (${how}); ${expectsText(d)}`;
}

function costLine(c: Cost): string {
  const columns = c.columns ? ', one example per column' : '';
  const loss = c.loss?.label ?? 'unrecognised loss';
  return `recognised ${sig(c.fn)} as a cost of ${c.input} and ${c.labels} labels${columns}: ${loss}`;
}

/** What discovery recognised and what not, one line each, for the run's notes. */
export function describeOps(o: FoundOps): string[] {
  const lines: string[] = [];
  for (const s of o.softmaxes)
    lines.push(`recognised ${sig(s.fn)} as a ${s.log ? 'log-softmax' : 'softmax'} ${AXES[s.axis]}`);
  lines.push(...o.activations.map(activationLine), ...o.derivatives.map(derivativeLine), ...o.costs.map(costLine));
  // A private helper (_hidden, _log_softmax) is the author's plumbing, not an op to check: naming each
  // as "not recognised" on every run is noise. --op still names its role when it is one.
  const unrecognised = o.unrecognised.filter((x) => !x.fn.name.startsWith('_'));
  if (unrecognised.length) {
    const each = unrecognised.map((u) => `${sig(u.fn)}: ${u.why}`).join('; ');
    lines.push(`not recognised as ops: ${each} (${OP_HINT})`);
  }
  return lines;
}

/**
 * Why a file yielded no op to check, function by function: what each was taken for ("helper(x):
 * an elementwise map, not a known activation and not named as one"), at most `max` of them.
 */
export function whyNoOps(o: FoundOps, max = 4): string {
  const each = [
    ...o.activations
      .filter((a) => !isEvidentActivation(a))
      .map((a) => `${sig(a.fn)}: an elementwise map, not sigmoid, tanh or (leaky) ReLU, nor named as an activation`),
    ...o.unrecognised.map((u) => `${sig(u.fn)}: ${u.why}`),
  ];
  if (!each.length) return 'it defines no functions';
  const more = each.length > max ? `; and ${each.length - max} more` : '';
  return each.slice(0, max).join('; ') + more;
}
