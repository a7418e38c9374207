// A content hash of what a build is made from (source folders and the lockfile), so an unchanged
// shop is not rebuilt.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

function addTree(hash: ReturnType<typeof createHash>, dir: string): void {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) addTree(hash, p);
    else if (!name.endsWith('.test.ts')) hash.update(p).update('\0').update(readFileSync(p)).update('\0');
  }
}

export function sourceStamp(paths: readonly string[]): string {
  const hash = createHash('sha256');
  for (const p of paths) {
    if (statSync(p).isDirectory()) addTree(hash, p);
    else hash.update(p).update('\0').update(readFileSync(p)).update('\0');
  }
  return hash.digest('hex');
}
