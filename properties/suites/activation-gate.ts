import { activationUnknown } from '../../src/impl/implementation.ts';
import type { Subject, Suite } from '../../src/engine/subject.ts';
import { finding } from '../../src/findings/build.ts';

/**
 * A suite that builds its cases from the hidden activation (logits injected through the hidden
 * layer, the activation's own properties) cannot run when the probe did not recognise the
 * function and nothing declares it: it says so, once, instead of checking against a guess.
 */
export function whenActivationKnown(suite: Suite): Suite {
  const skipped = (s: Subject) => activationUnknown(s.impl);
  return {
    ...suite,
    properties: (s) => (skipped(s) ? [] : (suite.properties?.(s) ?? [])),
    run: async (s, settings) => {
      if (!skipped(s)) return suite.run ? suite.run(s, settings) : [];
      const why =
        s.impl.activationReading?.problem ?? 'the probe network matched none of sigmoid, tanh, relu, leaky relu';
      return [
        finding({
          id: `${suite.name}.suite-not-run`,
          suite: suite.name,
          property: '(suite)',
          verdict: 'skip',
          severity: 'none',
          message:
            `could not run: its cases are built from the hidden activation, which is unrecognised (${why}); ` +
            'pass --activation NAME to run it',
        }),
      ];
    },
  };
}
