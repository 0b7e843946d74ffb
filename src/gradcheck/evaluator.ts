import type { Move, Objective } from './objective.ts';
import { ImplementationFault } from '../findings/implementation-fault.ts';
import { pointOf } from './probes.ts';

/**
 * Wraps an Objective: counts evaluations, turns exceptions into ImplementationFaults and
 * checks what comes back (a number per point, a gradient of the right length).
 */
export class Evaluator {
  losses = 0;
  gradients = 0;
  readonly n: number;

  constructor(readonly obj: Objective) {
    this.n = obj.theta.length;
  }

  async loss(points: Float64Array[]): Promise<number[]> {
    return this.counted(points.length, () => this.obj.losses(points));
  }

  /** Losses at moves from base: the same values as loss() at their points, fewer bytes to a subprocess. */
  async lossAlong(base: Float64Array, moves: Move[]): Promise<number[]> {
    const along = this.obj.lossesAlong?.bind(this.obj);
    if (!along) return this.loss(moves.map((m) => pointOf(base, m)));
    return this.counted(moves.length, () => along(base, moves));
  }

  private async counted(n: number, evaluate: () => Promise<number[]>): Promise<number[]> {
    this.losses += n;
    let out: number[];
    try {
      out = await evaluate();
    } catch (e) {
      throw asFault(e, 'loss');
    }
    if (!Array.isArray(out) || out.length !== n) {
      throw new ImplementationFault(
        'shape',
        `loss evaluation returned ${Array.isArray(out) ? out.length : typeof out} values for ${n} points`,
      );
    }
    return out.map(Number);
  }

  async gradient(theta: Float64Array): Promise<{ loss: number; grad: Float64Array }> {
    this.gradients++;
    let r: { loss: number; grad: Float64Array };
    try {
      r = await this.obj.lossAndGradient(theta);
    } catch (e) {
      throw asFault(e, 'gradients');
    }
    if (!r || !(r.grad instanceof Float64Array) || r.grad.length !== this.n) {
      throw new ImplementationFault(
        'shape',
        `the gradient has ${r?.grad?.length ?? 'no'} entries, the parameters have ${this.n}`,
      );
    }
    return r;
  }

  async kinks(points: Float64Array[]): Promise<Float64Array[] | null> {
    if (!this.obj.kinkValues) return null;
    try {
      return await this.obj.kinkValues(points);
    } catch {
      return null; // kink values are a hint; without them the black-box tests apply
    }
  }
}

export function asFault(e: unknown, where: string): ImplementationFault {
  if (e instanceof ImplementationFault) return e;
  const err = e as Error;
  return new ImplementationFault(
    'exception',
    `${where} threw ${err?.name ?? 'an error'}: ${err?.message ?? String(e)}`,
    err?.stack,
  );
}
