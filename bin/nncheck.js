#!/usr/bin/env node
// The installed package runs its compiled CLI (dist/). A checkout of the repository, which has
// the sources, runs them through tsx instead, so `npx nncheck` there never runs a stale build.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli/main.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import('../dist/src/cli/main.js');
}
