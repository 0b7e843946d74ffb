import fc from 'fast-check';
import { expectThat, property, type AnyPropertySpec } from '../../src/engine/harness.ts';
import type { Suite } from '../../src/engine/subject.ts';
import { layerModuleOf, type LabelForm, type LayerModule, type LayerRole } from '../../src/impl/layers/layer-module.ts';
import { checkLayerVjp, type LayerVjpResult } from '../../src/impl/layers/check-layer.ts';
import { ratioPattern } from '../../src/impl/layers/vjp.ts';
import { fusedAgainstPair } from '../../src/impl/layers/fused-pair.ts';

const SUITE = 'layers';
const size = fc.record({
  N: fc.integer({ min: 1, max: 6 }),
  D: fc.integer({ min: 1, max: 5 }),
  K: fc.integer({ min: 2, max: 5 }),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
});
const HINT =
  'derive backward from forward: dinputs = dvalues · ∂output/∂inputs; ' +
  'run the class alone on a small batch and compare with (f(x + h) − f(x − h))/2h';

function expectVjp(cls: string, role: LayerRole, r: LayerVjpResult, form?: LabelForm): void {
  const bad = r.comparisons.find((c) => !c.passed);
  if (!bad) return;
  const ratio = ratioPattern(bad.analytic, bad.numeric, r.N);
  const cause =
    role === 'softmax' ? 'softmax-jvp' : ratio === 'missing-mean' || ratio === 'double-mean' ? ratio : 'layer-backward';
  const what =
    ratio === 'missing-mean'
      ? `: it is ${r.N}× too large (not divided by the ${r.N} samples)`
      : ratio === 'double-mean'
        ? `: divided by the ${r.N} samples twice`
        : ratio === 'sign-flip'
          ? ': its sign is flipped'
          : '';
  expectThat(
    false,
    `${cls}.backward: ${bad.slot} along a random direction gives ${bad.analytic.toPrecision(8)}, ` +
      `central differences of ${cls}.forward give ${bad.numeric.toPrecision(8)}${what}` +
      (form ? ` (${form} labels)` : ''),
    {
      numbers: {
        class: cls,
        gradient: bad.slot,
        analytic: bad.analytic,
        numeric: bad.numeric,
        tolerance: bad.tolerance,
        N: r.N,
        dtype: r.dtype,
      },
      hint:
        cause === 'softmax-jvp'
          ? 'per row the product is p ⊙ (dvalues − Σ_j p_j·dvalues_j): check the Jacobian diag(p) − p·pᵀ'
          : cause === 'missing-mean'
            ? 'divide the gradient by the number of samples, as the loss is a mean'
            : HINT,
      cause,
    },
  );
}

const labelled = (role: LayerRole) => role === 'loss' || role === 'fused';

function classProperties(mod: LayerModule, role: LayerRole, cls: string): AnyPropertySpec[] {
  const specs: AnyPropertySpec[] = [
    property({
      id: `layers.backward-matches-forward:${cls}`,
      suite: SUITE,
      sentence: `${cls}.backward agrees with central differences of its forward`,
      severity: 'bug',
      runsFactor: 0.3,
      arbitrary: size,
      predicate: async (c) =>
        expectVjp(cls, role, await checkLayerVjp(mod, role, cls, c), labelled(role) ? 'sparse' : undefined),
    }),
    property({
      id: `layers.backward-pure:${cls}`,
      suite: SUITE,
      sentence: `${cls}.backward leaves dvalues, its inputs and its stored output unchanged`,
      severity: 'bug',
      runsFactor: 0.1,
      arbitrary: size,
      predicate: async (c) => {
        const r = await checkLayerVjp(mod, role, cls, c).catch(() => undefined);
        if (!r) return; // backward raised: the property above reports it
        expectThat(r.mutated.length === 0, `${cls}.backward wrote into ${r.mutated.join(' and ')}`, {
          numbers: { class: cls, mutated: r.mutated.join(', ') },
          hint:
            'copy before editing in place: self.dinputs = dvalues.copy(); ' +
            'a caller (or the next layer) still reads dvalues and self.output',
          cause: 'mutates-inputs',
        });
      },
    }),
  ];
  if (labelled(role)) {
    specs.push(
      property({
        id: `layers.label-forms-agree:${cls}`,
        suite: SUITE,
        sentence: `${cls} handles sparse and one-hot labels alike`,
        severity: 'bug',
        runsFactor: 0.3,
        arbitrary: size,
        predicate: async (c) => {
          const run = async (form: LabelForm) =>
            checkLayerVjp(mod, role, cls, c, form).then(
              (r) => ({ r, error: undefined }),
              (e: Error) => ({ r: undefined, error: e.message }),
            );
          const sparse = await run('sparse'),
            onehot = await run('onehot');
          const ok = (x: typeof sparse) => x.r !== undefined && x.r.comparisons.every((k) => k.passed);
          if (ok(sparse) === ok(onehot)) return; // both wrong: the backward property names it
          const [bad, good] = ok(sparse) ? (['one-hot', 'sparse'] as const) : (['sparse', 'one-hot'] as const);
          const x = ok(sparse) ? onehot : sparse,
            k = x.r?.comparisons.find((q) => !q.passed);
          expectThat(
            false,
            `${cls} is right with ${good} labels but not with ${bad} labels: ` +
              (x.error ?? `${k!.slot} gives ${k!.analytic.toPrecision(8)}, its forward ${k!.numeric.toPrecision(8)}`),
            {
              numbers: { class: cls, failingForm: bad, ...(k ? { analytic: k.analytic, numeric: k.numeric } : {}) },
              hint:
                'convert the labels once at the top (if len(y_true.shape) == 2: ' +
                'y_true = np.argmax(y_true, axis=1)) so both forms take one path',
              cause: 'label-format-branch',
            },
          );
        },
      }),
    );
  }
  return specs;
}

export const layersSuite: Suite = {
  name: SUITE,
  ids: [
    'layers.backward-matches-forward',
    'layers.backward-pure',
    'layers.label-forms-agree',
    'layers.fused-matches-pair',
  ],
  description:
    "layer-style classes one at a time: each backward against its own forward's central differences, " +
    'purity, label forms, fused vs pair',
  properties: (s): AnyPropertySpec[] => {
    const mod = layerModuleOf(s.impl);
    if (!mod) return [];
    const roles: LayerRole[] = ['dense', 'activation', 'softmax', 'loss', 'fused'];
    const specs = roles.flatMap((role) => mod.info.roles[role].flatMap((cls) => classProperties(mod, role, cls)));
    const [fused, sm, loss] = [mod.info.roles.fused[0], mod.info.roles.softmax[0], mod.info.roles.loss[0]];
    if (fused && sm && loss) {
      specs.push(
        property({
          id: `layers.fused-matches-pair:${fused}`,
          suite: SUITE,
          sentence: `${fused}.backward equals ${sm}.backward of ${loss}.backward`,
          severity: 'bug',
          runsFactor: 0.3,
          arbitrary: size,
          predicate: async (c) => {
            const d = await fusedAgainstPair(mod, { fused, softmax: sm, loss }, c);
            expectThat(
              d.passed,
              `${fused} gives dinputs[${d.row}, ${d.col}] = ${d.fused}, ` +
                `${sm}.backward(${loss}.backward(p)) gives ${d.pair}`,
              {
                numbers: { fused: d.fused, pair: d.pair, ratio: d.fused / d.pair, tolerance: d.tolerance, N: c.N },
                hint: 'the fused gradient is (p − y)/N; the backward properties above say which side is wrong',
                cause: 'fused-vs-pair',
              },
            );
          },
        }),
      );
    }
    return specs;
  },
};
