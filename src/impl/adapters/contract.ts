import type { Matrix } from '../../core/matrix.ts';
import { ImplementationFault } from '../../gradcheck/objective.ts';
import type { NetworkImplementation } from '../implementation.ts';
import { alignSingleton } from './arrays.ts';

/**
 * Wraps an adapter's raw implementation with the contract's checks, shared by every language:
 * gradient shapes that differ only by singleton dimensions are accepted (noted once), any
 * other mismatch is a shape fault; a function that returns nothing is an unfinished template.
 */
export function withContractChecks(impl: NetworkImplementation): NetworkImplementation {
  const noted = new Set<string>();
  const note = (s: string) => { if (!noted.has(s)) { noted.add(s); impl.notes.push(s); } };
  return {
    ...impl,
    async gradients(params: Matrix[], X: Matrix, Y: Matrix, lam: number) {
      const g = await impl.gradients(params, X, Y, lam);
      if (!Array.isArray(g)) throw new ImplementationFault('shape', `gradients() returned ${g === undefined ? 'nothing' : typeof g}, expected a list of arrays`);
      if (g.length !== params.length) throw new ImplementationFault('shape', `gradients() returned ${g.length} arrays for ${params.length} parameter arrays`);
      return g.map((gi, i) => {
        const aligned = alignSingleton(gi, params[i]);
        if (!aligned) throw new ImplementationFault('shape', `gradient ${i} has shape ${gi.rows}x${gi.cols}, its parameter ${params[i].rows}x${params[i].cols}`);
        if (aligned !== gi) note(`gradient ${i} has shape ${gi.rows}x${gi.cols} for a parameter of shape ${params[i].rows}x${params[i].cols}: accepted (they differ only by singleton dimensions)`);
        return aligned;
      });
    },
  };
}
