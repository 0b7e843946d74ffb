import type { Finding } from '../findings/finding.ts';
import { runProperty, selects, type RunSettings } from '../engine/harness.ts';
import type { OpsSuite } from '../engine/ops-subject.ts';
import { openPythonFreeFunctions } from '../impl/ops/free-functions.ts';
import { discoverOps, foundAny, OP_ROLES, type OpRole } from '../impl/ops/discover.ts';
import { describeOps, whyNoOps } from '../impl/ops/describe.ts';
import { SetupError } from '../impl/adapters/setup-error.ts';
import type { LoadOptions } from '../impl/adapters/load-options.ts';
import { DEFAULT_TIMEOUT_MS } from '../impl/python/python-module.ts';
import type { SubjectInfo } from '../findings/report.ts';
import { withFreeFunctionMemo } from '../impl/ops/free-function-memo.ts';

export interface FreeOpsOptions {
  suite: OpsSuite;
  settings: RunSettings;
  python?: string;
  timeoutMs: number;
  /** role=function hints (`--op softmax=my_softmax`). */
  hints?: string[];
  property?: string;
  onFinding?: (f: Finding) => void;
  replayCommand?: (suite: string, id: string, seed: number, path: string) => string;
}

export interface FreeOpsResult {
  findings: Finding[];
  notes: string[];
  /** Some op was recognised. */
  found: boolean;
  /** When none was: what each function was taken for instead. */
  whyNone: string;
  /** The file also holds a network contract (functions or a class) to check. */
  hasContract: boolean;
  /** The ids of the properties generated for these ops (what `--property` can name). */
  ids: string[];
  /** Every function the file defines, and those checked as ops. */
  functions: string[];
  checked: string[];
}

export function parseOpHints(hints: readonly string[] = []): Partial<Record<OpRole, string>> {
  const out: Partial<Record<OpRole, string>> = {};
  for (const h of hints) {
    const m = /^([a-z]+)=([A-Za-z_]\w*)$/.exec(h);
    if (!m || !(OP_ROLES as readonly string[]).includes(m[1]))
      throw new SetupError(
        `--op ${h}: expected ROLE=FUNCTION`,
        `ROLE is one of ${OP_ROLES.join(', ')}, e.g. --op softmax=my_softmax`,
      );
    out[m[1] as OpRole] = m[2];
  }
  return out;
}

/** Finds the free ops of a Python file and checks each one; the bridge process ends before it returns. */
export async function checkFreeOps(target: string, o: FreeOpsOptions): Promise<FreeOpsResult> {
  const hints = parseOpHints(o.hints);
  const ff = await openPythonFreeFunctions(target, { python: o.python, timeoutMs: o.timeoutMs });
  try {
    for (const [role, name] of Object.entries(hints)) {
      if (!ff.functions.some((f) => f.name === name))
        throw new SetupError(
          `--op ${role}=${name}: ${target} has no function ${name}`,
          `use one of: ${ff.functions.map((f) => f.name).join(', ') || '(none)'}`,
        );
    }
    const ops = await discoverOps(ff, hints);
    const memo = process.env.NNCHECK_GATHER === '0' ? undefined : withFreeFunctionMemo(ff);
    const subject = { ff: memo?.ff ?? ff, ops };
    const findings: Finding[] = [];
    const emit = (f: Finding) => {
      f.subject = target;
      findings.push(f);
      o.onFinding?.(f);
    };
    if (!o.property) for (const f of o.suite.findings(subject)) emit(f);
    const specs = o.suite.properties(subject);
    for (const spec of specs) {
      if (o.property && !selects(spec, o.property)) continue;
      emit(
        await runProperty(
          spec,
          o.settings,
          o.replayCommand ? (seed, path) => o.replayCommand!(spec.suite, spec.id, seed, path) : undefined,
          memo,
        ),
      );
    }
    const notes = [...ff.notes, ...(ff.functions.length ? describeOps(ops) : [])];
    const found = foundAny(ops);
    return {
      findings,
      notes,
      found,
      whyNone: found ? '' : whyNoOps(ops),
      hasContract: ff.hasContract,
      ids: specs.map((p) => p.id),
      functions: ff.functions.map((f) => f.name),
      checked: [...new Set(findings.map((f) => /^(\w+)\(/.exec(f.property)?.[1]).filter((n) => n !== undefined))],
    };
  } finally {
    await ff.close();
  }
}

/** What checkImplementation needs to look for free ops: the suite (from the entry point) and hints. */
export interface FreeOpsRequest {
  suite: OpsSuite;
  hints?: string[];
}

type CheckLike = Pick<LoadOptions, 'python' | 'timeoutMs'> & {
  ops?: FreeOpsRequest;
  suites?: string[];
  settings: RunSettings;
  property?: string;
  onFinding?: (f: Finding) => void;
  replayCommand: (suite: string, id: string, seed: number, path: string) => string;
};

/**
 * The free ops of a .py target, checked; undefined for other targets, without a suite, or when
 * --suite leaves ops out.
 */
export async function freeOpsOf(target: string, o: CheckLike): Promise<FreeOpsResult | undefined> {
  if (!o.ops || !target.toLowerCase().endsWith('.py')) return undefined;
  if (o.suites?.length && !o.suites.includes(o.ops.suite.name)) return undefined;
  return checkFreeOps(target, {
    suite: o.ops.suite,
    settings: o.settings,
    python: o.python,
    timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    hints: o.ops.hints,
    property: o.property,
    onFinding: o.onFinding,
    replayCommand: o.replayCommand,
  });
}

/**
 * A file with neither a network nor an op (a helper module, the wrong file handed in) cannot be
 * checked: the loader's "does not define" error also says which ops were looked for and what
 * each function was taken for, so a lone def helper(x) is not passed as an "activation".
 */
export function noNetworkNorOps(e: unknown, ops: FreeOpsResult | undefined): never {
  if (!(e instanceof SetupError) || e.code !== 'contract' || !ops || ops.found) throw e;
  throw new SetupError(
    `${e.reason}, nor a softmax, activation, derivative or cost nncheck can check on its own (${ops.whyNone})`,
    `${e.fix ?? 'define the network (see the README)'}; or, when a function is such an op, name its role: ` +
      '--op ROLE=FUNCTION, ROLE one of softmax, activation, derivative, cost',
    e.code,
  );
}

/** --suite ops on a file with no network and no op: nothing would be checked, which is no pass. */
export function noOpsToCheck(target: string, ops: FreeOpsResult): never {
  throw new SetupError(
    `${target} holds no network and no softmax, activation, derivative or cost nncheck can check on its own ` +
      `(${ops.whyNone})`,
    'check that it is the file you meant; when a function is such an op, name its role: --op ROLE=FUNCTION, ' +
      'ROLE one of softmax, activation, derivative, cost',
  );
}

/** The report's subject for a script checked through its free ops alone. */
export function opsOnlySubject(target: string, r: FreeOpsResult): SubjectInfo {
  return {
    name: target,
    language: 'python',
    activation: 'free ops',
    layout: 'free functions (no network contract)',
    notes: [...r.notes],
  };
}
