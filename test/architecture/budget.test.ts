import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  LONG_LINE_CEILING,
  longLines,
  smallLiterals,
  toleranceLiterals,
  unusedAllowances,
} from '../../scripts/budget.ts';
import { codeOnly } from '../../scripts/code-only.ts';
import { TOLERANCES } from '../../src/core/tolerances.ts';

const where = (h: { file: string; line: number; text: string }) => `${h.file}:${h.line} ${h.text.slice(0, 100)}`;

describe('the readability budget (npm run budget)', () => {
  it('every tolerance literal lives in src/core/tolerances.ts', () => {
    expect(toleranceLiterals().map(where)).toEqual([]);
  });
  it('every allow-list entry still matches a literal', () => {
    expect(unusedAllowances(smallLiterals()).map((a) => `${a.file}: ${a.where}`)).toEqual([]);
  });
  it(`at most ${LONG_LINE_CEILING} lines are over 120 characters`, () => {
    expect(longLines().length).toBeLessThanOrEqual(LONG_LINE_CEILING);
  });
  it('the Python layer-role probe uses TOLERANCES.layerRole', () => {
    const py = readFileSync('src/impl/python/nncheck_layer_roles.py', 'utf8');
    const { rtol, atol, rowSumAtol } = TOLERANCES.layerRole;
    expect(py).toContain(`np.allclose(y, want, rtol=${rtol.toExponential()}, atol=${atol.toExponential()})`);
    expect(py).toContain(`np.allclose(y.sum(axis=1), 1, atol=${rowSumAtol.toExponential()})`);
  });
  it('counts a tolerance literal in code and none in comments or strings (the count can fail)', () => {
    const src = [
      'const ok = Math.abs(a - b) <= 1e-9; // 1e-7 in a comment',
      "const s = '1e-8 in a string' + `2e-6 ${x < 0.001 ? 'y' : 'n'} 3e-5`;",
      '/* 4e-4 */',
      'const re = /[\'"]/g, q = (a / b / 2) * 5e-3;',
    ].join('\n');
    const found = [...codeOnly(src).matchAll(/\d+(?:\.\d+)?e-\d+|0\.00\d*/g)].map((m) => m[0]);
    expect(found).toEqual(['1e-9', '0.001', '5e-3']);
  });
});
