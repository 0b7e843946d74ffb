import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { XMLValidator } from 'fast-xml-parser';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { BIN } from '../helpers/run-cli.ts';
import { parseHtml } from '../helpers/html-dom.ts';

type AddFormats = (a: Ajv) => Ajv;
const addFormats = (formats as unknown as { default?: AddFormats }).default ?? (formats as unknown as AddFormats);
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(
  JSON.parse(readFileSync(new URL('../../src/findings/report.schema.json', import.meta.url), 'utf8')),
);

export interface HostileRun {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** From start to nncheck's exit, and from its exit to the close of its pipes (a holder keeps them open). */
  ms: number;
  pipesHeldMs: number;
  /** Processes of the run still alive after it ended: by process group, or by the run's tag in their environment. */
  leftovers: string[];
}

export interface HostileOptions {
  env?: NodeJS.ProcessEnv;
  /** Send this signal once stderr or stdout matches `when` (or after `afterMs`). */
  signal?: { name: NodeJS.Signals; when?: RegExp; afterMs?: number; whenFile?: string };
  /** Close our end of nncheck's stdout after the first line (`| head -1`). */
  headOne?: boolean;
  /** Give up (and kill the group) after this long: a hang fails the case instead of the suite. */
  limitMs?: number;
}

/** Every process whose environment carries the run's tag, or whose process group is the run's. */
function survivors(tag: string, pgid: number): string[] {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const env = readFileSync(`/proc/${pid}/environ`, 'latin1');
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      const group = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue; // a zombie is already dead
      if (env.includes(tag) || group === pgid)
        out.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'latin1').replace(/\0/g, ' ').trim()}`);
    } catch {
      // gone while we looked, or not ours to read
    }
  }
  return out;
}

/**
 * Runs nncheck as a CI runner would: its own process group, a tag in its environment that
 * every descendant inherits, and after it ends, the processes left (killed, then reported).
 */
export function runHostile(args: string[], o: HostileOptions = {}): Promise<HostileRun> {
  const tag = `NNCHECK_HARDENING_TAG=${randomUUID()}`;
  const [k, v] = tag.split('=');
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...o.env, [k]: v },
  });
  const pgid = child.pid!;
  let stdout = '',
    stderr = '',
    exitedAt = 0,
    signalled = false;
  const maybeSignal = () => {
    if (o.signal && !signalled && o.signal.when && o.signal.when.test(stdout + stderr)) {
      signalled = true;
      child.kill(o.signal.name);
    }
  };
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString('utf8');
    if (o.headOne && stdout.includes('\n')) child.stdout.destroy();
    maybeSignal();
  });
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
    maybeSignal();
  });
  if (o.signal?.whenFile) {
    const poll = setInterval(() => {
      if (existsSync(o.signal!.whenFile!)) {
        clearInterval(poll);
        if (!signalled) {
          signalled = true;
          child.kill(o.signal!.name);
        }
      }
    }, 200);
    child.once('exit', () => clearInterval(poll));
  }
  if (o.signal?.afterMs !== undefined)
    setTimeout(() => {
      if (!signalled) {
        signalled = true;
        child.kill(o.signal!.name);
      }
    }, o.signal.afterMs);
  const limit = setTimeout(() => {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }, o.limitMs ?? 170_000);
  return new Promise((resolve) => {
    let code: number | null = null,
      signal: string | null = null;
    const finish = async () => {
      clearTimeout(limit);
      const pipesHeldMs = performance.now() - exitedAt;
      await new Promise((r) => setTimeout(r, 500));
      const leftovers = survivors(v, pgid);
      for (const l of leftovers) {
        try {
          process.kill(Number(l.split(' ')[0]), 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      resolve({ code, signal, stdout, stderr, ms: exitedAt - t0, pipesHeldMs, leftovers });
    };
    let closed = false;
    const grace = () =>
      setTimeout(() => {
        if (!closed) {
          closed = true;
          child.stdout.destroy();
          child.stderr.destroy();
          void finish();
        }
      }, 10_000);
    child.on('exit', (c, s) => {
      code = c;
      signal = s;
      exitedAt = performance.now();
      grace();
    });
    child.on('close', () => {
      if (!closed) {
        closed = true;
        void finish();
      }
    });
  });
}

/** Every report file in the folder parses: JSON against the schema, JUnit XML, the HTML page, Markdown. */
export function reportProblems(dir: string): string[] {
  const problems: string[] = [];
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  for (const f of ['nncheck.json', 'junit.xml', 'nncheck.html', 'nncheck.md'])
    if (!existsSync(join(dir, f))) problems.push(`${f} missing`);
  if (problems.length) return problems;
  try {
    if (!validate(JSON.parse(read('nncheck.json')))) problems.push(`nncheck.json: ${ajv.errorsText(validate.errors)}`);
  } catch (e) {
    problems.push(`nncheck.json: ${(e as Error).message}`);
  }
  const xml = XMLValidator.validate(read('junit.xml'));
  if (xml !== true) problems.push(`junit.xml: ${JSON.stringify(xml)}`);
  try {
    parseHtml(read('nncheck.html'));
  } catch (e) {
    problems.push(`nncheck.html: ${(e as Error).message}`);
  }
  if (!read('nncheck.md').startsWith('# nncheck')) problems.push('nncheck.md: no heading');
  for (const f of readdirSync(dir)) if (f.endsWith('.tmp')) problems.push(`${f}: a temporary file left`);
  return problems;
}

export const reportJson = (dir: string) => JSON.parse(readFileSync(join(dir, 'nncheck.json'), 'utf8'));
