// Nothing acknowledged is lost: not across a clean restart, not across a crash (SIGKILL) right
// after the 200.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLambdaSpans, otlpTraceRequests } from '@nightjar/testkit';
import type { TraceResponse } from '@nightjar/model';
import { eventually, startTestServer } from './test-server.ts';

const root = new URL('../../..', import.meta.url).pathname;

test('data survives a clean restart', async () => {
  const first = await startTestServer();
  const { byFunction, invocations } = generateLambdaSpans({ invocations: 20, functions: 2, seed: 5 });
  for (const body of otlpTraceRequests(byFunction, 'protobuf', 1000)) {
    const r = await fetch(`${first.otlpUrl}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body });
    assert.equal(r.status, 200);
  }
  await first.stop(false);
  const second = await startTestServer({}, first.dataDir);
  try {
    for (const inv of invocations) {
      const r = await second.getJson<TraceResponse>(`/api/traces/${inv.traceId}`);
      assert.equal(r.status, 200, `trace ${inv.traceId} after restart`);
    }
  } finally {
    await second.stop();
  }
});

test('SIGTERM stops the command cleanly: exit code 0, acknowledged data flushed and kept', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nightjar-term-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const args = [join(root, 'packages/cli/bin/nightjar.js'), 'start', '--data-dir', dataDir, '--port', String(port), '--otlp-port', String(port + 1)];
  try {
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    await eventually(async () => ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok ? true : undefined), 60000);
    const { byFunction, invocations } = generateLambdaSpans({ invocations: 30, functions: 2, seed: 13 });
    for (const body of otlpTraceRequests(byFunction, 'protobuf', 1000)) {
      const r = await fetch(`http://127.0.0.1:${port + 1}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body });
      assert.equal(r.status, 200);
    }
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.once('exit', r));
    assert.equal(code, 0);
    const again = spawn(process.execPath, args, { stdio: 'ignore' });
    try {
      await eventually(async () => ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok ? true : undefined), 60000);
      for (const inv of invocations) assert.equal((await fetch(`http://127.0.0.1:${port}/api/traces/${inv.traceId}`)).status, 200);
    } finally {
      again.kill('SIGKILL');
      await new Promise((r) => again.once('exit', r));
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a crash right after the 200 loses nothing that was acknowledged', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nightjar-crash-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  let output = '';
  const start = () => {
    const c = spawn(process.execPath, [join(root, 'packages/cli/bin/nightjar.js'), 'start', '--data-dir', dataDir, '--port', String(port), '--otlp-port', String(port + 1)], { stdio: ['ignore', 'pipe', 'pipe'] });
    c.stdout.on('data', (d: Buffer) => (output += d.toString()));
    c.stderr.on('data', (d: Buffer) => (output += d.toString()));
    return c;
  };
  /** Resolves when the process has exited, also when it already had. */
  const exited = (c: ReturnType<typeof start>) => (c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise((r) => c.once('exit', r)));
  const up = () => eventually(async () => ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok ? true : undefined), 60000).catch((err: unknown) => {
    throw new Error(`${String(err)}\nserver output:\n${output}`);
  });
  let child = start();
  try {
    await up();
    const { byFunction, invocations } = generateLambdaSpans({ invocations: 50, functions: 3, seed: 9 });
    const acked: string[] = [];
    for (const body of otlpTraceRequests(byFunction, 'protobuf', 40)) {
      const r = await fetch(`http://127.0.0.1:${port + 1}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body });
      assert.equal(r.status, 200);
    }
    acked.push(...invocations.map((i) => i.traceId));
    child.kill('SIGKILL');
    await exited(child);
    child = start();
    await up();
    for (const traceId of acked) {
      const r = await fetch(`http://127.0.0.1:${port}/api/traces/${traceId}`);
      assert.equal(r.status, 200, `acknowledged trace ${traceId} lost in the crash`);
    }
  } finally {
    child.kill('SIGKILL');
    await exited(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
