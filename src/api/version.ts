import { readFileSync } from 'node:fs';
import { packagePath } from '../util/package-root.ts';

export const VERSION: string = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')).version;
