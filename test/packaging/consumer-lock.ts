/**
 * A package-lock.json for a fresh consumer project that depends on nncheck's packed tarball,
 * cut out of nncheck's own lock: every package the consumer needs at exactly the version
 * nncheck's `npm ci` installed, so `npm ci --offline` finds every tarball in the local npm
 * cache (a plain `npm install` would need the registry to resolve version ranges).
 */
export interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}
export interface Lockfile {
  name?: string;
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
}
export interface PackedPackage {
  name: string;
  version: string;
  filename: string;
  integrity: string;
  manifest: LockEntry;
}

const parentOf = (path: string) =>
  path.includes('/node_modules/') ? path.slice(0, path.lastIndexOf('/node_modules/')) : '';

/** Where Node finds `name` from the package at `from` in the lock's tree (nearest node_modules up). */
function resolveIn(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  for (let at = from; ; at = parentOf(at)) {
    const key = `${at ? `${at}/` : ''}node_modules/${name}`;
    if (packages[key]) return key;
    if (at === '') return undefined;
  }
}

/** Every lock entry reachable from the given top-level package names. */
function closure(packages: Record<string, LockEntry>, names: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (from: string, name: string, optional: boolean) => {
    const key = resolveIn(packages, from, name);
    if (!key) {
      if (optional) return;
      throw new Error(`nncheck's package-lock.json has no ${name} (needed from ${from || 'the root'})`);
    }
    if (seen.has(key)) return;
    seen.add(key);
    const e = packages[key];
    for (const d of Object.keys(e.dependencies ?? {})) visit(key, d, false);
    for (const d of Object.keys(e.optionalDependencies ?? {})) visit(key, d, true);
    for (const d of Object.keys(e.peerDependencies ?? {}))
      visit(key, d, e.peerDependenciesMeta?.[d]?.optional === true);
  };
  for (const n of names) visit('', n, false);
  return seen;
}

/**
 * The consumer's package.json dev dependencies and lock: nncheck from the tarball (a path
 * relative to the project) plus `tools` (e.g. vitest, typescript) pinned to nncheck's versions.
 */
export function consumerLock(own: Lockfile, packed: PackedPackage, tarball: string, tools: string[], name: string) {
  const pinned = (n: string) => {
    const v = own.packages[`node_modules/${n}`]?.version;
    if (!v) throw new Error(`nncheck's package-lock.json has no ${n}`);
    return v;
  };
  const devDependencies: Record<string, string> = { nncheck: `file:${tarball}` };
  for (const t of tools) devDependencies[t] = pinned(t);
  const deps = Object.keys({ ...packed.manifest.dependencies });
  const packages: Record<string, LockEntry> = { '': { name, devDependencies } };
  for (const key of [...closure(own.packages, [...deps, ...tools])].sort()) {
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = own.packages[key];
    packages[key] = entry;
  }
  packages['node_modules/nncheck'] = {
    version: packed.version,
    resolved: `file:${tarball}`,
    integrity: packed.integrity,
    ...Object.fromEntries(
      ['license', 'dependencies', 'peerDependencies', 'peerDependenciesMeta', 'bin', 'engines']
        .filter((k) => packed.manifest[k] !== undefined)
        .map((k) => [k, packed.manifest[k]]),
    ),
  };
  return { devDependencies, lock: { name, lockfileVersion: 3, requires: true, packages } };
}
