import { describe, expect, it } from 'vitest';
import { networkNotChecked, notCheckedQualifier, notCheckedReason } from '../../src/findings/network-not-checked.ts';

describe('the note of a file whose network was not checked', () => {
  it('names what was checked and the functions that look like a loss/gradient pair, not the checked ops', () => {
    const f = networkNotChecked(
      'h.py',
      ['sigmoid', 'sigmoid_gradient', 'nn_cost_function', 'predict', 'loss_and_grads'],
      ['sigmoid', 'sigmoid_gradient'],
    );
    expect(f).toMatchObject({ id: 'setup.network-not-checked', verdict: 'pass', severity: 'info' });
    expect(f.message).toMatch(/only its free functions \(sigmoid, sigmoid_gradient\) were/);
    expect(f.hint).toMatch(/look like a loss or its gradient: loss_and_grads, nn_cost_function; /);
    expect(f.hint).not.toMatch(/sigmoid_gradient/);
    expect(f.hint).toMatch(/npx nncheck grad h\.py --loss NAME --grad NAME --params NAME/);
  });
  it('qualifies a headline only when the note is there', () => {
    expect(notCheckedQualifier([{ id: 'setup.network-not-checked' }])).toMatch(/network was not checked/);
    expect(notCheckedQualifier([{ id: 'setup.read-as' }])).toBe('');
  });
  it("gives a gradebook's one-line reason: what was checked, or nothing when the network was", () => {
    const some = networkNotChecked('a: b.py', ['sigmoid', 'softmax'], ['softmax']);
    expect(notCheckedReason([some])).toBe('the network itself was not checked, only its free functions (softmax) were');
    const none = networkNotChecked('h.py', ['predict'], []);
    expect(notCheckedReason([none])).toBe('the network itself was not checked, none of its functions were');
    expect(notCheckedReason([{ id: 'setup.read-as', message: 'x: y' }])).toBeUndefined();
  });
});
