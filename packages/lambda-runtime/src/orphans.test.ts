// An instance does not outlive its platform: when the platform process dies without cleaning up
// (SIGKILL), the runtime's Runtime API connection breaks and the runtime exits.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

it('runtime processes exit when the platform process is killed', { timeout: 20_000 }, async () => {
  const script = fileURLToPath(new URL('../test-fixtures/parent-that-dies.mts', import.meta.url));
  const parent = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let childPid = 0;
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      parent.stdout.setEncoding('utf8');
      parent.stdout.on('data', (chunk: string) => {
        out += chunk;
        if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
      });
      parent.on('exit', (code) => reject(new Error(`platform exited early (${code})`)));
    });
    childPid = (JSON.parse(line) as { pid: number }).pid;
    assert.equal(alive(childPid), true);
    parent.kill('SIGKILL');
    for (let i = 0; i < 50 && alive(childPid); i++) await sleep(50);
    assert.equal(alive(childPid), false, 'the runtime outlived its platform');
  } finally {
    parent.kill('SIGKILL');
    if (childPid !== 0 && alive(childPid)) process.kill(childPid, 'SIGKILL');
  }
});
