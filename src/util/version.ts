import { readFileSync } from 'node:fs';
import { packagePath } from './package-root.ts';

/** nncheck's version, as its package.json says: the one the CLI prints and every report records. */
export const VERSION: string = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')).version;
