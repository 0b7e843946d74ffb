// Assembles src/core/wasm/gemm.wat (with SIMD) into the base64 module in gemm-bytes.ts.
// Usage: npm run build:wasm   (the test suite checks that the committed bytes match the .wat)
import { readFileSync, writeFileSync } from 'node:fs';
import wabtInit from 'wabt';

const dir = new URL('../src/core/wasm/', import.meta.url);
export async function assemble() {
  const wabt = await wabtInit();
  const mod = wabt.parseWat('gemm.wat', readFileSync(new URL('gemm.wat', dir), 'utf8'), { simd: true });
  mod.validate();
  return Buffer.from(mod.toBinary({}).buffer).toString('base64');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const b64 = await assemble();
  // The base64 in lines of 100 characters, joined back when the module loads.
  const lines = b64.match(/.{1,100}/g).map((line) => `  '${line}',`);
  const source = [
    '// Generated from gemm.wat by scripts/build-wasm.mjs (npm run build:wasm): do not edit.',
    'export const GEMM_WASM_BASE64 = [',
    ...lines,
    "].join('');",
  ];
  writeFileSync(new URL('gemm-bytes.ts', dir), `${source.join('\n')}\n`);
  console.log(`wrote gemm-bytes.ts (${Buffer.from(b64, 'base64').length} bytes)`);
}
