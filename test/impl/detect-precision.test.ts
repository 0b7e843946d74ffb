import { describe, it, expect } from 'vitest';
import { detectPrecision, resolvePrecision } from '../../src/impl/detect-precision.ts';
import { loadImplementation } from '../../src/impl/load.ts';
import { referenceImplementation } from '../../src/impl/reference.ts';
import { float32Of } from '../../fixtures/mutants/float32.ts';
import { runCli } from '../helpers/run-cli.ts';

describe('precision: detected from what an implementation returns, or declared', () => {
  it('reads float64 from the reference and float32 from its float32 twin', async () => {
    expect((await detectPrecision(referenceImplementation('tanh'))).precision).toBe('float64');
    const f32 = { ...float32Of(referenceImplementation('relu')), precision: undefined };
    expect(await detectPrecision(f32)).toMatchObject({ precision: 'float32', source: 'values' });
  });
  it('reads float32 from a Math.fround TypeScript network and from NumPy float32 dtypes', async () => {
    for (const [file, source] of [
      ['fixtures/user/ts_float32.ts', 'values'],
      ['fixtures/user/py_float32.py', 'dtype'],
    ] as const) {
      const impl = await loadImplementation(file);
      try {
        expect(await detectPrecision(impl), file).toMatchObject({ precision: 'float32', source });
      } finally {
        await impl.close?.();
      }
    }
    const py64 = await loadImplementation('examples/numpy_network.py');
    try {
      expect((await detectPrecision(py64)).precision).toBe('float64');
    } finally {
      await py64.close?.();
    }
  });
  it('an option overrides a declaration, a declaration overrides detection, and each is noted', async () => {
    const declared = await loadImplementation('fixtures/user/ts_float32_declared_float64.ts');
    await resolvePrecision(declared);
    expect(declared.precision).toBe('float64');
    expect(declared.notes.join('\n')).toMatch(/precision float64 \(declared\)/);
    const opt = await loadImplementation('fixtures/user/ts_float32_declared_float64.ts');
    await resolvePrecision(opt, 'float32');
    expect(opt.precision).toBe('float32');
    expect(opt.notes.join('\n')).toMatch(/precision float32 \(from --precision\)/);
  });
  it(
    'nncheck check: float32 rounding is no finding when detected, ' + 'and --precision float64 shows why it matters',
    () => {
      const args = ['check', 'fixtures/user/ts_float32.ts', '--suite', 'cross-entropy', '--runs', '15'];
      const auto = runCli(args);
      expect(auto.code, auto.stdout + auto.stderr).toBe(0);
      expect(auto.stdout).toMatch(/i precision float32 \(detected/);
      const forced = runCli([...args, '--precision', 'float64']);
      expect(forced.code, forced.stdout).toBe(1);
      expect(forced.stdout).toMatch(/i precision float64 \(from --precision\)/);
      expect(forced.stdout).toMatch(/--precision float64/); // the replay command keeps the flag
    },
  );
});
