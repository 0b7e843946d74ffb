import type { OpsSuite } from '../../../src/engine/ops-subject.ts';
import { softmaxProperties } from './softmax.ts';
import { activationProperties } from './activation.ts';
import { costProperties, costFindings } from './cost.ts';

/** Free ops found in a script: softmax invariants, each derivative against its forward, purity, costs. */
export const opsSuite: OpsSuite = {
  name: 'ops',
  ids: [
    'ops.softmax-sums-to-one',
    'ops.softmax-shift-invariant',
    'ops.softmax-examples-independent',
    'ops.softmax-finite',
    'ops.softmax-pure',
    'ops.activation-finite',
    'ops.activation-pure',
    'ops.derivative-matches-forward',
    'ops.derivative-pure',
    'ops.cost-pure',
    'ops.cost-finite-for-tiny-p',
    'ops.cost-not-clipped',
    'ops.cost-finite-for-large-logits',
    'ops.cost-is-categorical',
  ],
  properties: (s) => [...softmaxProperties(s), ...activationProperties(s), ...costProperties(s)],
  findings: (s) => costFindings(s),
};
