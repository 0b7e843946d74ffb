// Entry point of the Node process that runs a user's TypeScript/JavaScript module: TypeScript
// support (tsx) first, then the host, which loads the module and answers nncheck's calls.
// From the sources (a checkout) the host is TypeScript; in the built package it is host.js.
import { existsSync } from 'node:fs';

const source = new URL('./host.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import('./host.js');
}
