import { describe, it, expect } from 'vitest';
import { isFailure } from '../../src/findings/finding.ts';
import type { Suite } from '../../src/engine/subject.ts';
import { validateSelection } from '../../src/engine/run-suites.ts';
import { referenceImplementation } from '../../src/impl/reference.ts';
import { ACTIVATIONS } from '../../src/ops/activation.ts';
import { inPlaceRelu } from '../../fixtures/mutants/ops.ts';
import { SUITES } from '../../properties/suites/index.ts';
import { opsSuite } from '../../properties/suites/ops/index.ts';
import { CANNOT_FAIL, CONVERGENCE, MATRIX, RUNS } from './mutant-matrix.ts';

/** An id without the `:name` of a property generated per class or function. */
const kindOf = (id: string) => id.split(':')[0];
const CATALOGUE: Pick<Suite, 'name' | 'ids'>[] = [...SUITES, opsSuite];
const ALL = CATALOGUE.flatMap((s) => s.ids);

describe('the catalogue: every property and check has a stable short id', () => {
  it('ids are suite.kind in kebab case, unique, each under its own suite', () => {
    for (const s of CATALOGUE)
      for (const id of s.ids) expect(id).toMatch(new RegExp(`^${s.name}\\.[a-z0-9]+(-[a-z0-9]+)*$`));
    expect(new Set(ALL).size).toBe(ALL.length);
  });
  it("every property a network generates is in its suite's catalogue, and no two share an id", () => {
    const subjects = [
      ...ACTIVATIONS.map((a) => ({ impl: referenceImplementation(a) })),
      { impl: referenceImplementation('relu'), activationOp: inPlaceRelu },
    ];
    for (const subject of subjects) {
      const specs = SUITES.flatMap((s) => (s.properties?.(subject) ?? []).map((p) => ({ suite: s, p })));
      for (const { suite, p } of specs) {
        expect(suite.ids).toContain(kindOf(p.id));
        expect(p.suite).toBe(suite.name);
      }
      expect(new Set(specs.map(({ p }) => p.id)).size).toBe(specs.length);
    }
  });
});

describe('selecting one property by id', () => {
  const subject = { impl: referenceImplementation('relu') };
  const fixOf = (suites: string[], property: string) => {
    try {
      validateSelection(SUITES, suites, property, subject);
    } catch (e) {
      return (e as { fix?: string }).fix;
    }
    return 'selected';
  };
  it('takes an id, or the sentence an older command line named', () => {
    expect(fixOf(['softmax'], 'softmax.rows-sum-to-one')).toBe('selected');
    expect(fixOf(['softmax'], 'rows lie in [0, 1] and sum to 1')).toBe('selected');
  });
  it('an unknown id lists the ids to use; a check run by its suite says to run the suite', () => {
    expect(fixOf(['gradients'], 'gradients.nope')).toBe('use one of these ids: gradients.match-finite-differences');
    expect(fixOf(['convergence'], 'convergence.loss-falls')).toMatch(
      /not generated case by case: .*--suite convergence/,
    );
  });
});

describe('mutants that fail the checks not generated per network', () => {
  for (const run of RUNS) {
    it(`${run.label}: fails ${run.fails.join(', ')}`, async () => {
      const findings = await run.findings();
      const failed = new Set(findings.filter(isFailure).map((f) => kindOf(f.id ?? '')));
      const seen = findings.map((f) => `${f.verdict} ${f.id ?? f.property}`).join('\n');
      for (const id of run.fails) expect(failed.has(id), `${id} did not fail; findings:\n${seen}`).toBe(true);
      // Every id a run reports is in the catalogue (the lists cannot drift from the code); notes on
      // how the file was read (suite 'setup': setup.read-as, setup.network-not-checked) are not checks.
      for (const f of findings) if (f.id && f.suite !== 'setup') expect(ALL).toContain(kindOf(f.id));
    }, 120_000);
  }
});

describe('mutant coverage', () => {
  const covered = new Set([...MATRIX, ...CONVERGENCE].map(([id]) => kindOf(id)).concat(RUNS.flatMap((r) => r.fails)));
  it('every id in the catalogue has a mutant in the matrix that fails it', () => {
    expect(ALL.filter((id) => !covered.has(id) && !(id in CANNOT_FAIL))).toEqual([]);
  });
  it('the matrix names only ids in the catalogue', () => {
    expect([...covered].filter((id) => !ALL.includes(id))).toEqual([]);
  });
  it('the checks that cannot fail are in the catalogue and have no mutant (one would take them off the list)', () => {
    for (const id of Object.keys(CANNOT_FAIL)) {
      expect(ALL).toContain(id);
      expect(covered.has(id)).toBe(false);
    }
  });
});
