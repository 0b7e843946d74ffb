import { checkLossGradientPair, type GradOptions } from '../api/grad.ts';
import { formatFinding } from '../reporters/format-finding.ts';
import { isBug } from '../findings/finding.ts';

export type PairMatcherOptions = GradOptions;

/** expect('file.py').toHaveCorrectLossGradient({ loss: 'loss', grad: 'grad' }): passes when no finding is a bug. */
export async function pairMatcher(path: string, o: PairMatcherOptions) {
  const { report } = await checkLossGradientPair(path, o);
  const bugs = report.findings.filter(isBug);
  const main = report.findings[0];
  return {
    pass: bugs.length === 0,
    message: () =>
      bugs.length
        ? `expected ${o.grad}() in ${path} to be the gradient of ${o.loss}(), but:\n` +
          `${formatFinding(main)}${main.detail ? `\n${main.detail}` : ''}`
        : `expected ${o.grad}() in ${path} not to be the gradient of ${o.loss}(), but ${main.message}`,
  };
}
