import { finding } from './build.ts';
import type { Finding } from './finding.ts';

export const NETWORK_NOT_CHECKED = 'setup.network-not-checked';

/** Names that read as a loss (or cost) and as its gradient: candidates for `nncheck grad`. */
const LOSS_NAME = /loss|cost|objective/i;
const GRAD_NAME = /grad|backward|backprop/i;

/**
 * The note a file checked through its free functions alone carries: its network (if it has one)
 * was not read, so "no defects found" speaks for those functions only, never for the gradients.
 * It names the functions that look like a loss/gradient pair, for `nncheck grad`.
 */
export function networkNotChecked(target: string, functions: readonly string[], checked: readonly string[]): Finding {
  const losses = functions.filter((f) => LOSS_NAME.test(f));
  const grads = functions.filter((f) => GRAD_NAME.test(f) && !losses.includes(f));
  const both = losses.filter((f) => GRAD_NAME.test(f));
  const candidates = [...new Set([...both, ...losses, ...grads])].filter((f) => !checked.includes(f));
  const inOrder = functions.filter((f) => checked.includes(f)); // as the file defines them
  const what = inOrder.length ? `only its free functions (${inOrder.join(', ')})` : 'none of its functions';
  const fix =
    (candidates.length ? `functions that look like a loss or its gradient: ${candidates.join(', ')}; ` : '') +
    `check a loss/gradient pair with npx nncheck grad ${target} --loss NAME --grad NAME --params NAME, ` +
    'or give the file the four functions of the README';
  return finding({
    id: NETWORK_NOT_CHECKED,
    subject: target,
    suite: 'setup',
    property: 'what was checked',
    verdict: 'pass',
    severity: 'info',
    message:
      `the network itself was not checked, ${what} were: nncheck found no network it reads in ${target} ` +
      '(init_params/forward/loss/gradients functions, a class with params and loss(X, y=None, reg), ' +
      `or layer classes), so no gradient, loss or training was checked. ${fix[0].toUpperCase()}${fix.slice(1)}`,
    hint: fix,
  });
}

/** The headline's qualifier when a report's network was not checked (see networkNotChecked). */
export function notCheckedQualifier(findings: readonly Pick<Finding, 'id'>[]): string {
  return findings.some((f) => f.id === NETWORK_NOT_CHECKED)
    ? ' in the free functions (the network was not checked)'
    : '';
}

/**
 * What a report whose network was not checked did check, in one line for a table or a gradebook
 * ("the network itself was not checked, only its free functions (sigmoid, softmax) were"); undefined
 * when its network was checked. The message's first clause (function names hold no ': ').
 */
export function notCheckedReason(findings: readonly Pick<Finding, 'id' | 'message'>[]): string | undefined {
  return findings.find((f) => f.id === NETWORK_NOT_CHECKED)?.message.split(': ')[0];
}
