import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { ImplementationFault } from '../../findings/implementation-fault.ts';
import { SetupError } from '../adapters/setup-error.ts';
import { PythonBridge } from '../python/bridge-client.ts';
import { DEFAULT_TIMEOUT_MS } from '../python/python-module.ts';
import { inProcessPair } from './in-process.ts';
import { pairObjective, type LoadedPair, type PairFunctions, type PairOptions } from './pair-objective.ts';

/** A loss/gradient pair from a .py file (through the bridge) or a .ts/.js module (in process). */
export async function loadPair(path: string, o: PairOptions): Promise<LoadedPair> {
  const file = resolve(path);
  if (!existsSync(file))
    throw new SetupError(`file not found: ${path}`, 'check the path (relative to the current directory)');
  const ext = extname(path).toLowerCase();
  if (ext !== '.py') return inProcessPair(file, o);
  const bridge = new PythonBridge({
    file,
    python: o.python ?? 'python3',
    timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    extraArgs: ['--pair', `${o.loss},${o.grad},${o.params ?? 'params'},${o.kinks ?? ''}`],
  });
  try {
    const hello = await bridge.start();
    const params = (await bridge.call('pair_params', {}, [], `${o.params ?? 'params'}`)).arrays;
    const listed = hello.pairTensors as { name: string; shape: number[] }[];
    const dtypes = (hello.pairDtypes as string[] | undefined) ?? [];
    const fns: PairFunctions = {
      kinks: o.kinks
        ? async (sets) => (await bridge.call('pair_kinks', {}, sets.flat(), `${o.kinks}()`)).arrays.map((m) => m.data)
        : undefined,
      async losses(sets) {
        if (sets.length === 0) return [];
        return Array.from((await bridge.call('pair_losses', {}, sets.flat(), `${o.loss}()`)).arrays[0].data);
      },
      async lossAndGradient(p) {
        const f = await bridge.call('pair_grad', {}, p, `${o.grad}()`);
        const mutated = (f.header.mutated as number[] | undefined) ?? [];
        if (mutated.length)
          throw new ImplementationFault(
            'mutated-input',
            `${o.loss}() or ${o.grad}() wrote into ${mutated.map((i) => listed[i].name).join(', ')}`,
          );
        return { loss: f.arrays[0].data[0], grads: f.arrays.slice(1), dtype: String(f.header.dtype ?? 'float64') };
      },
    };
    const names = listed.map((t) => `${t.name} (${t.shape.join('x') || 'scalar'})`);
    const args = o.params ?? 'params';
    const notes = [
      `Python ${hello.python} (${hello.executable}), numpy ${hello.numpy}; ` +
        `${o.loss}(${args}) and ${o.grad}(${args}) over ${names.join(', ')}`,
    ];
    const objective = pairObjective(
      params,
      listed.map((t) => t.name),
      fns,
      dtypes.some((d) => d !== 'float64' && d.startsWith('float')) ? 'float32' : 'float64',
    );
    return { objective, notes, language: 'python', close: () => bridge.close() };
  } catch (e) {
    await bridge.close();
    throw e;
  }
}
