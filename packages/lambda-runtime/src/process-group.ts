// A child process in its own process group (so a wrapper's or an extension's children die with it),
// its output as lines, its exit as a promise of Lambda's wording.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { LineSplitter } from './line-splitter.ts';
import { exitReason } from './exit-reason.ts';

export class ProcessGroup {
  readonly child: ChildProcess;
  exited = false;
  /** Resolves with "Runtime exited with error: ..." wording once the process is gone. */
  readonly exit: Promise<string>;

  constructor(command: string, args: string[], env: Record<string, string>, cwd: string | undefined, onLine: (line: string) => void) {
    this.child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      const splitter = new LineSplitter(onLine);
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => splitter.push(chunk));
      stream?.on('end', () => splitter.flush());
    }
    this.exit = new Promise((resolve) => {
      const done = (reason: string): void => {
        if (this.exited) return;
        this.exited = true;
        resolve(reason);
      };
      this.child.on('error', (error) => done(`Runtime exited with error: ${error.message}`));
      this.child.on('exit', (code, signal) => done(exitReason(code, signal)));
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Signal the whole group; no-op once the process has exited. */
  signal(signal: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined || this.exited) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  }
}
