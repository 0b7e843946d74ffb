import type { Matrix } from '../../core/matrix.ts';
import { ImplementationFault } from '../../findings/implementation-fault.ts';
import type { NetworkImplementation } from '../implementation.ts';
import { alignSingleton } from './arrays.ts';
import { SetupError } from './setup-error.ts';
import { zeros } from '../../core/matrix.ts';
import { oneHot } from '../../data/dataset.ts';
import { PROBE } from './infer-layout.ts';

/**
 * Wraps an adapter's raw implementation with the contract's checks, shared by every language:
 * gradient shapes that differ only by singleton dimensions are accepted (noted once), any
 * other mismatch is a shape fault; a function that returns nothing is an unfinished template.
 */
export function withContractChecks(impl: NetworkImplementation): NetworkImplementation {
  const noted = new Set<string>();
  const note = (s: string) => {
    if (!noted.has(s)) {
      noted.add(s);
      impl.notes.push(s);
    }
  };
  return {
    ...impl,
    async gradients(params: Matrix[], X: Matrix, Y: Matrix, lam: number) {
      const g = await impl.gradients(params, X, Y, lam);
      if (!Array.isArray(g))
        throw new ImplementationFault(
          'shape',
          `gradients() returned ${g === undefined ? 'nothing' : typeof g}, expected a list of arrays`,
        );
      if (g.length !== params.length)
        throw new ImplementationFault(
          'shape',
          `gradients() returned ${g.length} arrays for ${params.length} parameter arrays`,
        );
      return g.map((gi, i) => {
        const aligned = alignSingleton(gi, params[i]);
        if (!aligned)
          throw new ImplementationFault(
            'shape',
            `gradient ${i} has shape ${gi.rows}x${gi.cols}, its parameter ${params[i].rows}x${params[i].cols}`,
          );
        if (aligned !== gi)
          note(
            `gradient ${i} has shape ${gi.rows}x${gi.cols} ` +
              `for a parameter of shape ${params[i].rows}x${params[i].cols}: ` +
              'accepted (they differ only by singleton dimensions)',
          );
        return aligned;
      });
    },
  };
}

/**
 * One call of each contract function on a tiny problem before any check runs: a function that
 * returns nothing (an unfinished template) is a setup error, reported once with exit code 2.
 * Exceptions and wrong values are left to the checks, which report them as findings.
 */
export async function smokeTest(impl: NetworkImplementation): Promise<void> {
  const params = await initParamsOrSetupError(impl);
  const X = zeros(2, PROBE.D);
  X.data.forEach((_, i) => {
    X.data[i] = ((i * 7) % 5) - 2;
  });
  const Y = oneHot([0, 2], PROBE.K);
  const calls: [string, () => Promise<unknown>][] = [
    ['forward', () => impl.forward(params, X)],
    ['loss', () => impl.loss(params, X, Y, 0)],
    ['gradients', () => impl.gradients(params, X, Y, 0)],
  ];
  for (const [name, call] of calls) {
    let out: unknown;
    try {
      out = await call();
    } catch (e) {
      if (e instanceof SetupError) throw e;
      if (!(e instanceof ImplementationFault && e.kind === 'returned-none')) continue;
      out = undefined;
    }
    if (out === undefined || out === null) {
      throw new SetupError(
        `${name}() returned nothing`,
        `the function looks unfinished (a template's pass): make ${name}() return its result`,
      );
    }
  }
}

/**
 * initParams on the probe sizes, before any check: when it raises, nothing can be checked, so
 * that is a setup error that carries the user's traceback.
 */
export async function initParamsOrSetupError(
  impl: Pick<NetworkImplementation, 'initParams'>,
  name = 'init_params',
): Promise<Matrix[]> {
  try {
    return await impl.initParams(PROBE.D, PROBE.H, PROBE.K, 0);
  } catch (e) {
    if (!(e instanceof ImplementationFault)) throw e;
    const detail = e.detail ? `\n${e.detail.trimEnd()}` : '';
    throw new SetupError(
      `${name}(${PROBE.D}, ${PROBE.H}, ${PROBE.K}, 0), called before any check, failed: ${e.message}${detail}`,
      `fix ${name}(); nothing can be checked without parameters`,
    );
  }
}
