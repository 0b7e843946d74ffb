import type { OpsSuite } from '../../../src/engine/ops-subject.ts';
import { softmaxProperties } from './softmax.ts';
import { activationProperties } from './activation.ts';
import { costProperties, costFindings } from './cost.ts';

/** Free ops found in a script: softmax invariants, each derivative against its forward, purity, costs. */
export const opsSuite: OpsSuite = {
  name: 'ops',
  properties: (s) => [...softmaxProperties(s), ...activationProperties(s), ...costProperties(s)],
  findings: (s) => costFindings(s),
};
