import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRows } from '../../../src/core/matrix.ts';
import { array, openPythonFreeFunctions, type FreeFunctions } from '../../../src/impl/ops/free-functions.ts';
import { withFreeFunctionMemo } from '../../../src/impl/ops/free-function-memo.ts';

const dir = mkdtempSync(join(tmpdir(), 'nncheck-ffmemo-'));
const file = join(dir, 'ops.py');
writeFileSync(
  file,
  [
    'import numpy as np',
    'calls = 0',
    'def softmax(z):',
    '    e = np.exp(z - z.max(axis=1, keepdims=True))',
    '    return e / e.sum(axis=1, keepdims=True)',
    'def relu_inplace(x):',
    '    x[x < 0] = 0',
    '    return x',
    'def nothing(x):',
    '    return None',
    'def picky(x):',
    '    if x[0, 0] > 100:',
    '        raise ValueError("too big")',
    '    return x * 2',
    'def counter(x):',
    '    global calls',
    '    calls += 1',
    '    return x + calls',
    '',
  ].join('\n'),
);

let ff: FreeFunctions;
afterAll(async () => ff?.close());

const plain = (r: Awaited<ReturnType<FreeFunctions['call']>>) =>
  JSON.parse(JSON.stringify(r, (_, v) => (v instanceof Float64Array ? [...v] : v)));

describe('free functions called many per round trip', () => {
  it('answers each call as call() alone does (result, None, writes) and stops before one that raises', async () => {
    ff = await openPythonFreeFunctions(file, { timeoutMs: 20_000 });
    const calls = [
      {
        name: 'softmax',
        args: [
          array([
            [1, 2, 3],
            [0, 0, 1000],
          ]),
        ],
      },
      {
        name: 'relu_inplace',
        args: [
          array([
            [-1, 2],
            [3, -4],
          ]),
        ],
      },
      { name: 'nothing', args: [array([[1]])] },
      { name: 'picky', args: [array([[1, 2]])] },
    ];
    const alone = [];
    for (const c of calls) alone.push(plain(await ff.call(c.name, c.args)));
    const many = await ff.callMany!(calls);
    expect(many.stop).toBe('done');
    expect(many.results.map(plain)).toEqual(alone);
    expect(alone[1].mutated).toHaveLength(1); // the write comes back as in a call alone
    const stopped = await ff.callMany!([calls[0], { name: 'picky', args: [array([[101]])] }, calls[3]]);
    expect(stopped.stop).toBe('replay');
    expect(stopped.results.map(plain)).toEqual([alone[0]]);
  });

  it('gathers a property’s cases into one request per round, then serves each answer once', async () => {
    const memo = withFreeFunctionMemo(ff);
    const inputs = [1, 2, 3, 4, 5].map((v) => fromRows([[v, -v]]));
    const first = await ff.call('counter', [array([[0]])]);
    await memo.gather(() => Promise.all(inputs.map((m) => memo.ff.call('counter', [array(m)]))));
    const afterGather = await ff.call('counter', [array([[0]])]);
    // One request for five calls: the module's counter moved by 5 between the two direct calls.
    expect(afterGather.value!.data[0] - first.value!.data[0]).toBe(6);
    const served = [];
    for (const m of inputs) served.push((await memo.ff.call('counter', [array(m)])).value!.data[0]);
    expect(served).toEqual([1, 2, 3, 4, 5].map((v, i) => v + first.value!.data[0] + 1 + i));
    // Served once: the same call again is made (the counter shows a new call).
    const again = await memo.ff.call('counter', [array(inputs[0])]);
    expect(again.value!.data[0]).toBe(1 + afterGather.value!.data[0] + 1);
    memo.reset();
  });
});
