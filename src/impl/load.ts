import { extname } from 'node:path';
import { isActivationName } from '../ops/activations.ts';
import type { NetworkImplementation } from './implementation.ts';
import { referenceImplementation } from './reference.ts';
import { loadTsSubprocess } from './ts-worker/ts-subprocess.ts';
import { DEFAULT_TIMEOUT_MS, loadPythonModule } from './python/python-module.ts';
import { SetupError } from './adapters/setup-error.ts';
import type { LoadOptions } from './adapters/load-options.ts';
import { smokeTest } from './adapters/contract.ts';
import { isScriptFile } from './adapters/ts-import.ts';
import { withCircuitBreaker } from './circuit-breaker.ts';

/**
 * `reference:<activation>`, a .py file (Python bridge) or a .ts/.mts/.cts/.js/.mjs/.cjs module
 * (its own Node process).
 */
export async function loadImplementation(target: string, o: LoadOptions = {}): Promise<NetworkImplementation> {
  const ref = /^reference:(.+)$/.exec(target);
  if (ref) {
    if (!isActivationName(ref[1]))
      throw new SetupError(
        `unknown reference network '${ref[1]}'`,
        'use reference:sigmoid, reference:relu, reference:leaky_relu or reference:tanh',
      );
    return referenceImplementation(ref[1]);
  }
  const ext = extname(target).toLowerCase();
  let impl: NetworkImplementation;
  if (ext === '.py') impl = await loadPythonModule(target, o);
  else if (isScriptFile(target))
    impl = await loadTsSubprocess(target, { ...o, timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS });
  else
    throw new SetupError(
      `cannot check '${target}': unknown file type '${ext || '(none)'}'`,
      'pass a .py file (NumPy), a .ts/.mts/.cts/.js/.mjs/.cjs module, or reference:<activation>',
    );
  impl = withCircuitBreaker(impl);
  try {
    await smokeTest(impl);
  } catch (e) {
    await impl.close?.();
    throw e;
  }
  return impl;
}
