// Installed size on disk: the bytes of every file under a folder, and the bytes of a set of npm
// packages plus everything they depend on (resolved as Node does, each package folder counted once).
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/** Bytes of the files under dir (skipping nested node_modules when skipNodeModules). */
export function dirBytes(dir: string, skipNodeModules = false): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!(skipNodeModules && e.name === 'node_modules')) total += dirBytes(p, skipNodeModules);
    } else if (e.isFile()) total += statSync(p).size;
  }
  return total;
}

function resolvePackageDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return realpathSync(candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Bytes of the named packages (resolved from fromDir) and their dependency closure. */
export function packagesBytes(names: string[], fromDir: string): { bytes: number; packages: number } {
  const seen = new Set<string>();
  const queue: [string, string][] = names.map((n) => [n, fromDir]);
  let bytes = 0;
  for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
    const dir = resolvePackageDir(item[0], item[1]);
    if (dir === undefined || seen.has(dir)) continue;
    seen.add(dir);
    bytes += dirBytes(dir, true);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const dep of Object.keys(pkg.dependencies ?? {})) queue.push([dep, dir]);
  }
  return { bytes, packages: seen.size };
}
