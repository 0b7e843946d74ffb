import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPythonModule } from '../../../src/impl/python/python-module.ts';
import { SetupError } from '../../../src/impl/adapters/setup-error.ts';

const NETWORK = readFileSync('examples/numpy_network.py', 'utf8');

/** The example network with a top-level import of a module that is not installed, used where `use` says. */
function withMissingImport(use: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'nncheck-missing-import-'));
  const file = join(dir, 'net.py');
  writeFileSync(file, `import not_installed_xyz as plt\n${NETWORK}\n${use}\n`);
  return file;
}

describe('a network file importing a module that is not installed', () => {
  it('loads definitions-only, with a note, when only its __main__ block uses the module', async () => {
    const impl = await loadPythonModule(
      withMissingImport('if __name__ == "__main__":\n    plt.plot([1, 2])\n    plt.show()'),
    );
    try {
      expect((impl.bridge.hello.loadNotes as string[]).join('\n')).toMatch(
        /import not_installed_xyz as plt \(failed: .*no function uses it\)/,
      );
      const params = await impl.initParams(3, 4, 2, 0);
      expect(params.length).toBe(4);
    } finally {
      await impl.close!();
    }
  });
  it('is refused, naming the module and the fix, when a function uses it', async () => {
    const file = withMissingImport('def show(losses):\n    plt.plot(losses)\n    plt.show()');
    const e = await loadPythonModule(file).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SetupError);
    expect((e as SetupError).message).toMatch(/imports 'not_installed_xyz', which is not installed/);
    expect((e as SetupError).fix).toMatch(/pip install not_installed_xyz/);
  });
});
