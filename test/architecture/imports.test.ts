import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { importGraph, layerViolations, cycles } from './import-graph.ts';

/**
 * Layers are one-way: data flows from arbitraries and fixtures through the reference math and
 * the implementation adapters to checks, findings, the diagnosis and the reporters. A module may
 * import its own layer or a lower one, never a higher one; `src/` reaches the property catalogue
 * (`properties/`) only through the entry points. And no module is part of an import cycle.
 */
const graph = importGraph(['src', 'properties']);

describe('the import rules', () => {
  it('every folder has a layer', () => {
    expect(layerViolations(graph).filter((v) => v.kind === 'unlayered')).toEqual([]);
  });
  it('no module imports a higher layer', () => {
    expect(
      layerViolations(graph)
        .filter((v) => v.kind === 'upward')
        .map((v) => v.text),
    ).toEqual([]);
  });
  it('no import cycles', () => {
    expect(cycles(graph).map((c) => c.join(' -> '))).toEqual([]);
  });
  it('catches a wrong-way import (the rule itself can fail)', () => {
    const bad = new Map(graph);
    bad.set('src/core/matrix.ts', [...(graph.get('src/core/matrix.ts') ?? []), 'src/reporters/registry.ts']);
    bad.set('src/reporters/registry.ts', [...(graph.get('src/reporters/registry.ts') ?? []), 'src/core/matrix.ts']);
    expect(layerViolations(bad).map((v) => v.text)).toContain(
      'src/core/matrix.ts (core) imports src/reporters/registry.ts (reporters)',
    );
    expect(cycles(bad).length).toBeGreaterThan(0);
  });
  it('reads every form of import: from, export from, dynamic and bare (for its effects)', () => {
    const root = mkdtempSync(join(tmpdir(), 'nncheck-imports-'));
    mkdirSync(join(root, 'a'));
    const forms = [
      "import { x } from './b.ts';",
      "import type { Y } from './c.ts';",
      "export * from './d.ts';",
      "const m = await import('./e.ts');",
      "import './f.ts';",
    ];
    writeFileSync(join(root, 'a', 'main.ts'), forms.join('\n') + '\n');
    const deps = importGraph([join(root, 'a')]).get(join(root, 'a', 'main.ts')) ?? [];
    expect(deps.map((d) => relative(join(root, 'a'), d)).sort()).toEqual(['b.ts', 'c.ts', 'd.ts', 'e.ts', 'f.ts']);
  });
});
