import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isIncompleteSubmission, type SubmissionResult } from '../findings/batch-report.ts';
import { writeFileAtomic } from '../util/atomic-write.ts';
import { PACKAGE_ROOT } from '../util/package-root.ts';

const ROOT = PACKAGE_ROOT;

/**
 * nncheck's own identity beyond its version number: the names and contents of its sources, so an
 * edited or upgraded install never reads results cached by another, while a fresh checkout of the
 * same sources (a CI cache restored) still does.
 */
function sourceFingerprint(version: string): string {
  const h = createHash('sha256').update(version);
  const walk = (dir: string, rel: string): void => {
    if (!existsSync(dir)) return;
    for (const d of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (d.isDirectory()) walk(join(dir, d.name), `${rel}/${d.name}`);
      else if (/\.(ts|js|mjs|py|json)$/.test(d.name))
        h.update(`${rel}/${d.name}\0`).update(readFileSync(join(dir, d.name)));
    }
  };
  // A checkout runs its sources; the installed package its build.
  for (const dir of existsSync(join(ROOT, 'src')) ? ['src', 'properties'] : ['dist']) walk(join(ROOT, dir), dir);
  return h.digest('hex');
}

/**
 * Results of unchanged submissions, under `.nncheck/cache/` of the current directory, keyed by the
 * content and path of the file, nncheck's version and sources, and the settings of the check (the
 * path too, as the report names it in every replay command). Only a check's own verdict (pass,
 * fail, network not checked) is kept: a timeout, a crash or a setup error may depend on the
 * machine's load or environment and is checked again next time. A submission that imports a
 * sibling module is keyed by its own content only (`--no-cache` after changing a shared helper).
 */
export class ResultCache {
  private readonly dir: string;
  private readonly fingerprint: string;

  constructor(
    version: string,
    private readonly settings: Record<string, unknown>,
    cwd = process.cwd(),
  ) {
    this.dir = resolve(cwd, '.nncheck', 'cache');
    this.fingerprint = sourceFingerprint(version);
  }

  key(path: string): string | undefined {
    if (!existsSync(path) || !statSync(path).isFile()) return undefined;
    return createHash('sha256')
      .update(this.fingerprint)
      .update(JSON.stringify(this.settings))
      .update(`\0${path}\0`)
      .update(readFileSync(path))
      .digest('hex');
  }

  get(path: string): SubmissionResult | undefined {
    const key = this.key(path);
    const file = key && join(this.dir, `${key}.json`);
    if (!file || !existsSync(file)) return undefined;
    try {
      const hit = JSON.parse(readFileSync(file, 'utf8')) as SubmissionResult;
      return { ...hit, path, cached: true };
    } catch {
      return undefined;
    } // a damaged entry is a miss
  }

  put(result: SubmissionResult): void {
    if (isIncompleteSubmission(result)) return;
    const key = this.key(result.path);
    if (key) writeFileAtomic(join(this.dir, `${key}.json`), JSON.stringify({ ...result, cached: undefined }));
  }
}
