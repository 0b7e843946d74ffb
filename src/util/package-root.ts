import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * nncheck's own package folder: the nearest one above this file holding a package.json. The
 * same from the sources (src/util/) and from the compiled package (dist/src/util/), so data
 * files shipped at the package root (fixtures/datasets, package.json) are found from either.
 */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`nncheck: no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return dir;
}

export const PACKAGE_ROOT = findPackageRoot();

/** A file or folder of nncheck's package, by its path from the package root. */
export const packagePath = (...parts: string[]): string => join(PACKAGE_ROOT, ...parts);
