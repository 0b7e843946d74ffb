import type { OwnTrainer } from '../implementation.ts';
import type { PythonBridge } from './bridge-client.ts';

/** What own_train.py's describe() says about a train() (see that file). */
export interface TrainDescription {
  signature: string;
  roles: Record<string, string>;
  camel?: string[];
  budget?: { name: string; default: number | null } | null;
  rate?: { name: string; default: number | null } | null;
  unmapped?: string;
}

/** The user's own train() behind the bridge: one call runs it and returns the parameters before and after. */
export function ownTrainerOf(bridge: PythonBridge, d: TrainDescription | null | undefined): OwnTrainer | undefined {
  if (!d) return undefined;
  const mapped = Object.entries(d.roles)
    .filter(([, role]) => role !== 'lam')
    .map(([name, role]) => (name === role ? name : `${name} (${role})`));
  const notes = [
    `train() signature ${d.signature}: nncheck supplies ${mapped.join(', ') || 'nothing it recognises'}; ` +
      'the rest keep their defaults',
  ];
  if (d.camel?.length) notes.push(`train() takes camelCase keywords (${d.camel.join(', ')}): mapped by name`);
  return {
    signature: d.signature,
    budget: d.budget ?? null,
    rate: d.rate ?? null,
    unmapped: d.unmapped,
    notes,
    async run(c) {
      const f = await bridge.call(
        'own_train',
        { H: c.H, budget: c.budget, lr: c.lr, seed: c.seed },
        [c.X, c.Y, c.Xval, c.Yval],
        'train()',
      );
      const k = (f.header.initial as number | undefined) ?? 0;
      return {
        initial: k ? f.arrays.slice(0, k) : null,
        final: f.arrays.slice(k),
        sideEffects: (f.header.changed as string[] | undefined) ?? [],
      };
    },
  };
}
