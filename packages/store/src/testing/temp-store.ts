// A store in a fresh temporary directory, for tests (node:test runs each file in its own process,
// and one process can own one chDB data directory: open one store per test file, or reopen the same).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreOptions } from '../config.ts';
import { openStore, type Store } from '../open-store.ts';

export function tempDir(prefix = 'nightjar-store-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Opens and migrates a store in `dir` (rollup timers off unless asked for: tests refresh explicitly). */
export async function openTestStore(dir: string, opts: StoreOptions = {}): Promise<Store> {
  const store = await openStore(
    { kind: 'chdb', dataDir: dir },
    { ...opts, rollup: { refreshIntervalMs: 3_600_000, sweepIntervalMs: 0, startupWindowMinutes: 0, ...opts.rollup } },
  );
  await store.migrate();
  return store;
}
