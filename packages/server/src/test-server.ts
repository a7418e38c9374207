// Starts a real Nightjar (embedded chDB in a temp dir, ephemeral ports) for end-to-end tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from './config.ts';
import { startNightjar, type RunningNightjar } from './start.ts';

export function testConfig(dataDir: string, overrides: Partial<Config> = {}): Config {
  return {
    dataDir,
    host: '127.0.0.1',
    port: 0,
    otlpPort: 0,
    clickhouseUrl: null,
    clickhouseUser: null,
    clickhousePassword: null,
    clickhouseDatabase: 'nightjar',
    role: 'all',
    project: 'default',
    firehoseAccessKey: null,
    retentionDays: 30,
    webDir: null,
    walFsync: 'always',
    ...overrides,
  };
}

const quiet = { info: () => {}, error: (m: string, e?: unknown) => console.error(m, e ?? '') };

export async function startTestServer(overrides: Partial<Config> = {}, dataDir = mkdtempSync(join(tmpdir(), 'nightjar-test-'))) {
  const running: RunningNightjar = await startNightjar(testConfig(dataDir, overrides), quiet);
  return {
    running,
    dataDir,
    url: running.url,
    otlpUrl: running.otlpUrl!,
    async getJson<T = unknown>(path: string): Promise<{ status: number; body: T }> {
      const r = await fetch(running.url + path);
      return { status: r.status, body: (await r.json()) as T };
    },
    async stop(removeData = true) {
      await running.stop();
      if (removeData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until check() returns a value that is not undefined (data becomes visible within seconds). */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}
