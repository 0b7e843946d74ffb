import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { passingVerdict, type SubmissionResult, type SubmissionVerdict } from '../findings/batch-report.ts';
import type { RunReport } from '../findings/report.ts';
import { isError } from '../findings/finding.ts';
import { killTree } from './kill-tree.ts';
import { SPIN_ENV } from '../impl/python/spin.ts';

export interface ChildLimits {
  /** The nncheck CLI script the child runs (bin/nncheck.js). */
  bin: string;
  /** Flags passed on to `nncheck check` (suites, runs, seed, python, timeout, ...). */
  args: string[];
  /** Wall time for the whole check of one submission. */
  budgetMs: number;
  /** Memory cap of each process of the check, in MB (V8's heap limit, and the data limit where a shell sets it). */
  maxMemoryMb: number;
}

/** Keeps the last `max` characters of a stream: enough to say why a process died. */
function tail(max = 4000) {
  let text = '';
  return {
    add: (b: Buffer) => {
      text = (text + b.toString('utf8')).slice(-max);
    },
    get: () => text.trim(),
  };
}

/**
 * Checks one submission in its own process (and so its own Python bridge), a process-group leader
 * with its own budget and memory cap: a crash, a hang or a memory blow-up ends that check alone,
 * and on its budget the whole process tree is killed. The check writes its report set into a
 * scratch folder; its nncheck.json becomes the submission's report.
 */
export function checkInChild(path: string, limits: ChildLimits, running?: Set<number>): Promise<SubmissionResult> {
  const dir = mkdtempSync(join(tmpdir(), 'nncheck-sub-'));
  const argv = [
    `--max-old-space-size=${limits.maxMemoryMb}`,
    limits.bin,
    'check',
    path,
    ...limits.args,
    '--report',
    dir,
    '--quiet',
  ];
  // The data limit covers V8's heap plus the engine's own memory, and caps a Python bridge's arrays.
  const dataKb = (limits.maxMemoryMb + 512) * 1024;
  const posix = process.platform !== 'win32';
  // Submissions share the cores: their bridges block for requests instead of polling (see spin.ts).
  const env = { ...process.env, [SPIN_ENV]: process.env[SPIN_ENV] ?? '0' };
  const t0 = performance.now();
  const child = posix
    ? spawn('/bin/sh', ['-c', `ulimit -d ${dataKb} 2>/dev/null; exec "$0" "$@"`, process.execPath, ...argv], {
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env,
      })
    : spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'], env });
  const out = tail(),
    err = tail();
  child.stdout.on('data', out.add);
  child.stderr.on('data', err.add);
  if (child.pid) running?.add(child.pid);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid) killTree(child.pid);
  }, limits.budgetMs);
  return new Promise((done) => {
    let settled = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null, spawnError?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.pid) {
        killTree(child.pid);
        running?.delete(child.pid);
      } // whatever it left in its group
      const ms = Math.round(performance.now() - t0);
      const file = join(dir, 'nncheck.json');
      let report: RunReport | undefined;
      try {
        if (existsSync(file)) report = JSON.parse(readFileSync(file, 'utf8')) as RunReport;
      } catch {
        /* a half report is no report */
      }
      rmSync(dir, { recursive: true, force: true });
      const verdict: SubmissionVerdict = timedOut
        ? 'timeout'
        : code === 0 && report
          ? passingVerdict(report)
          : code === 1 && report
            ? 'fail'
            : code === 2
              ? 'setup-error'
              : 'crash';
      const why = spawnError
        ? `could not start the check: ${spawnError.message}`
        : timedOut
          ? `stopped after its budget of ${(limits.budgetMs / 1000).toFixed(0)} s ` +
            '(every process of its check was ended)'
          : verdict !== 'crash'
            ? undefined
            : /heap out of memory|MemoryError|Cannot allocate/i.test(err.get())
              ? `ran out of memory (cap ${limits.maxMemoryMb} MB)`
              : `the check ended ${signal ? `by ${signal}` : `with exit status ${code}`} without a report`;
      const detail = verdict === 'setup-error' && report ? setupMessage(report) : err.get() || out.get();
      done({
        path,
        verdict,
        exitCode: timedOut ? null : code,
        ms,
        report,
        error: why ? [why, detail].filter(Boolean).join('\n') : verdict === 'setup-error' ? detail : undefined,
      });
    };
    child.on('error', (e) => finish(null, null, e));
    child.on('close', (code, signal) => finish(code, signal));
  });
}

function setupMessage(r: RunReport): string {
  if (r.setupError)
    return [r.setupError.message, r.setupError.fix && `fix: ${r.setupError.fix}`].filter(Boolean).join('\n');
  const f = r.findings.find(isError) ?? r.findings[0];
  return f ? [f.message, f.hint && `fix: ${f.hint}`].filter(Boolean).join('\n') : '';
}
