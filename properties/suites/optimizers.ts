import fc from 'fast-check';
import { expectThat, property, type AnyPropertySpec } from '../../src/engine/harness.ts';
import type { Suite } from '../../src/engine/subject.ts';
import type { Finding } from '../../src/findings/finding.ts';
import { finding } from '../../src/findings/build.ts';
import { layerModuleOf, type LayerModule } from '../../src/impl/layers/layer-module.ts';
import { checkOptimizer, OPTIMIZER_STEPS } from '../../src/impl/layers/check-optimizer.ts';
import type { OptimizerKind } from '../../src/impl/layers/optimizer-rules.ts';
import { CAUSES, isCauseId } from '../../src/findings/causes.ts';

const SUITE = 'optimizers';
const size = fc.record({
  D: fc.integer({ min: 1, max: 4 }),
  K: fc.integer({ min: 1, max: 4 }),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
});
const RULE_NAMES: Record<OptimizerKind, string> = {
  sgd: 'SGD (decay, momentum)',
  adagrad: 'AdaGrad',
  rmsprop: 'RMSprop',
  adam: 'Adam (bias correction)',
};

function optimizerProperty(mod: LayerModule, cls: string, kind: OptimizerKind): AnyPropertySpec {
  return property({
    id: `optimizers.update-rule:${cls}`,
    suite: SUITE,
    sentence: `${cls}: ${OPTIMIZER_STEPS} update_params steps follow ${RULE_NAMES[kind]}`,
    severity: 'bug',
    runsFactor: 0.1,
    arbitrary: size,
    predicate: async (c) => {
      const v = await checkOptimizer(mod, cls, kind, c);
      if (v.verdict === 'pass' || v.verdict === 'convention') return;
      const h = v.hyper;
      const momentum = kind === 'sgd' ? `, momentum ${h.momentum}` : '';
      const used = `learning_rate ${h.learning_rate}, decay ${h.decay}${momentum}`;
      if (v.verdict === 'defect') {
        const what = isCauseId(v.cause!) ? CAUSES[v.cause].what : v.cause;
        const matched = v.schedule.startsWith('lr/') ? v.rule : v.schedule;
        expectThat(false, `${cls}: ${what} (${v.part}): its ${OPTIMIZER_STEPS} steps match "${matched}" (${used})`, {
          numbers: { class: cls, rule: v.rule, schedule: v.schedule, ...h },
          hint: isCauseId(v.cause!) ? CAUSES[v.cause].fix : undefined,
          cause: v.cause!,
        });
      }
      const f = v.first!;
      expectThat(
        false,
        `${cls}: after step ${f.step + 1} ${v.part} entry ${f.index} is ${f.got}, ` +
          `the ${RULE_NAMES[kind]} rule gives ${f.expected} (${used}); no known deviation explains it`,
        {
          numbers: {
            class: cls,
            step: f.step + 1,
            entry: f.index,
            got: f.got,
            expected: f.expected,
            tolerance: f.tolerance,
          },
          hint: CAUSES['optimizer-rule'].fix,
          cause: 'optimizer-rule',
        },
      );
    },
  });
}

export const optimizersSuite: Suite = {
  name: SUITE,
  ids: ['optimizers.update-rule', 'optimizers.rule-known', 'optimizers.convention'],
  description:
    'layer-style optimizers: update_params (with pre/post_update_params) against SGD, AdaGrad, RMSprop, Adam',
  properties: (s): AnyPropertySpec[] => {
    const mod = layerModuleOf(s.impl);
    if (!mod) return [];
    return mod.info.roles.optimizer.flatMap((cls) => {
      const kind = mod.info.kinds[cls];
      return kind && kind in RULE_NAMES ? [optimizerProperty(mod, cls, kind as OptimizerKind)] : [];
    });
  },
  async run(s): Promise<Finding[]> {
    const mod = layerModuleOf(s.impl);
    if (!mod) return [];
    // Conventions (another self-consistent form of a rule) and unknown optimizers are info.
    const out: Finding[] = [];
    for (const cls of mod.info.roles.optimizer) {
      const kind = mod.info.kinds[cls];
      if (!kind || !(kind in RULE_NAMES)) {
        out.push(
          finding({
            id: `optimizers.rule-known:${cls}`,
            suite: SUITE,
            property: `${cls}: update rule`,
            verdict: 'skip',
            severity: 'info',
            message: `${cls}: no known rule matches its name (sgd, adagrad, rmsprop, adam); not checked`,
          }),
        );
        continue;
      }
      const v = await checkOptimizer(mod, cls, kind as OptimizerKind, { D: 2, K: 3, seed: 0 }).catch(() => undefined);
      if (v?.verdict === 'convention')
        out.push(
          finding({
            id: `optimizers.convention:${cls}`,
            suite: SUITE,
            property: `${cls}: convention`,
            verdict: 'pass',
            severity: 'info',
            message: `${cls} follows ${RULE_NAMES[kind as OptimizerKind]} in another self-consistent form: ${v.rule}`,
          }),
        );
    }
    return out;
  },
};
