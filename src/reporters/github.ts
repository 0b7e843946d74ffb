import type { RunReport } from '../findings/report.ts';
import { isBug, isSetupError, isWarning, type Finding } from '../findings/finding.ts';
import { NETWORK_NOT_CHECKED } from '../findings/network-not-checked.ts';
import type { Reporter } from './reporter.ts';
import { stripControl } from './escape.ts';

/** A workflow command's data and property values, escaped as the runner reads them. */
export const escapeData = (s: string): string =>
  stripControl(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function annotation(f: Finding, subject: string | undefined): string | undefined {
  // A setup error fails the job (exit 2) without being a bug: an error titled as what it is.
  const setup = isSetupError(f);
  // A network not checked fails nothing, but a green job must not hide it: a notice, the one info shown.
  const unread = f.id === NETWORK_NOT_CHECKED;
  const level = isBug(f) || setup ? 'error' : isWarning(f) ? 'warning' : unread ? 'notice' : undefined;
  if (!level) return undefined;
  const body = [
    f.message,
    f.cause && `cause: ${f.cause}`,
    f.hint && `${setup ? 'fix' : 'hint'}: ${f.hint}`,
    f.replay?.command && `replay: ${f.replay.command}`,
  ]
    .filter(Boolean)
    .join('\n');
  const path = subject?.replace(/:[A-Za-z_]\w*$/, ''); // a class adapter's name is FILE:Class
  const file = path && /\.(py|[cm]?[jt]s)$/.test(path) ? `file=${escapeProperty(path)},` : '';
  const title = setup
    ? 'nncheck: could not be checked'
    : unread
      ? 'nncheck: network not checked'
      : `nncheck: ${f.suite} › ${f.property}`;
  return `::${level} ${file}title=${escapeProperty(title)}::${escapeData(body)}`;
}

/**
 * GitHub Actions workflow commands: one annotation per failing finding (bug: error, warning:
 * warning; infos never fail and are left out, but for a notice that the network was not
 * checked), so a failing check shows on the pull request, each with its cause, hint and replay
 * command. Printed to the job log by `--reporter github`
 * (and written as github-annotations.txt with the other reports).
 */
export const githubReporter: Reporter = {
  name: 'github',
  file: 'github-annotations.txt',
  render(r: RunReport) {
    const lines = r.findings.map((f) => annotation(f, f.subject ?? r.subjects[0]?.name)).filter((l) => l !== undefined);
    return lines.length ? `${lines.join('\n')}\n` : '';
  },
};
