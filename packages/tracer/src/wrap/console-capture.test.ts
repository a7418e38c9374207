// Console output attributed to the invocation: wrap() end to end with a real local OTLP backend,
// log records decoded with @nightjar/otlp's decodeLogs; the console's own output compared with
// what the methods printed before the tracer wrapped them.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { format } from 'node:util';
import { after, before, describe, test } from 'node:test';
import type { LogRow, SpanRow } from '@nightjar/model';
import { lambdaContext, lambdaEnv } from '../../test/lambda-context.ts';
import { startBackend, type Backend } from '../../test/otlp-backend.ts';
import { otelActiveSpanId, OTEL_SPAN_KEY } from './active-span.ts';
import { ColdStart } from './cold-start.ts';
import { MAX_LINE_BYTES, MAX_LINES } from './console-capture.ts';
import { startChildSpan } from './current.ts';
import { wrap, type WrapOptions } from './wrap.ts';

// What the Lambda runtime does before loading the handler: its own console.info, prefixing each line.
const runtimeInfo = function (...args: unknown[]): void {
  process.stdout.write(`2026-11-23T00:00:00.000Z\truntime-prefix\tINFO\t${format(...args)}\n`);
};
console.info = runtimeInfo;
const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
const originals = Object.fromEntries(METHODS.map((m) => [m, console[m]])) as Record<(typeof METHODS)[number], (...args: unknown[]) => void>;

/** Runs `f` with stdout and stderr writes collected instead of printed (synchronously, so the test runner's own output is untouched). */
function captureOutput(f: () => void): { stdout: string; stderr: string } {
  const out = { stdout: '', stderr: '' };
  const { stdout, stderr } = process;
  const saved = [stdout.write, stderr.write] as const;
  const into = (k: 'stdout' | 'stderr') =>
    function (chunk: unknown, ...rest: unknown[]): boolean {
      out[k] += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    };
  stdout.write = into('stdout') as typeof stdout.write;
  stderr.write = into('stderr') as typeof stderr.write;
  try {
    f();
  } finally {
    stdout.write = saved[0];
    stderr.write = saved[1];
  }
  return out;
}

let backend: Backend;
before(async () => {
  backend = await startBackend();
});
after(() => backend.close());

let n = 0;
function traced(h: (event: unknown) => Promise<unknown>, options: WrapOptions = {}) {
  return wrap(async (event: unknown, _context: unknown) => h(event), { env: lambdaEnv(backend.url), coldStart: new ColdStart(), exportTimeoutMs: 2000, log: () => undefined, instrumentOutbound: false, ...options });
}

/** Invokes and returns the root span and the log records of that invocation (by request id). */
async function invoke(handler: (event: unknown, context: unknown) => Promise<unknown>, event: unknown = {}): Promise<{ requestId: string; root: SpanRow; logs: LogRow[] }> {
  const requestId = `console-${++n}`;
  await handler(event, lambdaContext(requestId));
  const root = backend.received.flatMap((b) => b.spans).find((s) => s.requestId === requestId && s.name === 'orders');
  assert.ok(root !== undefined, 'the root span was exported');
  const logs = backend.received.flatMap((b) => b.logs).filter((l) => l.requestId === requestId);
  return { requestId, root, logs };
}

const allLogs = (): LogRow[] => backend.received.flatMap((b) => b.logs);

describe('console output attributed to the invocation', () => {
  test('every level becomes a log record with the trace, root span, request id and resource', async () => {
    const handler = traced(async () => {
      captureOutput(() => {
        console.log('hello %s', 'world', { n: 1 });
        console.info('info line');
        console.debug('debug line');
        console.warn('warn line');
        console.error(new Error('boom'));
        console.trace('trace line');
      });
      return 'ok';
    });
    const { requestId, root, logs } = await invoke(handler);
    const logPaths = backend.received.filter((b) => b.logs.some((l) => l.requestId === requestId)).map((b) => b.path);
    assert.deepEqual(logPaths, ['/v1/logs']);
    assert.deepEqual(
      logs.map((l) => [l.severityText, l.severityNumber, l.attributes['log.iostream']]),
      [
        ['INFO', 9, 'stdout'],
        ['INFO', 9, 'stdout'],
        ['DEBUG', 5, 'stdout'],
        ['WARN', 13, 'stderr'],
        ['ERROR', 17, 'stderr'],
        ['TRACE', 1, 'stderr'],
      ],
    );
    assert.equal(logs[0]?.body, "hello world { n: 1 }");
    assert.match(logs[4]?.body ?? '', /^Error: boom\n\s+at /);
    assert.equal(logs[5]?.body, 'trace line');
    for (const l of logs) {
      assert.equal(l.traceId, root.traceId);
      assert.equal(l.spanId, root.spanId);
      assert.equal(l.function, 'orders');
      assert.equal(l.resource['service.name'], 'orders');
      assert.equal(l.resource['faas.name'], 'orders');
      assert.ok(BigInt(l.timeNs) >= BigInt(root.startNs) && BigInt(l.timeNs) <= BigInt(root.startNs) + BigInt(root.durationNs), 'time within the invocation');
    }
  });

  test('lines of two concurrent invocations in one process do not mix', async () => {
    const handler = traced(async (event) => {
      const who = (event as { who: string }).who;
      for (let i = 0; i < 5; i++) {
        captureOutput(() => console.log(`${who}-${i}`));
        await sleep(who === 'A' ? 3 : 5);
      }
      return who;
    });
    const [a, b] = await Promise.all([invoke(handler, { who: 'A' }), invoke(handler, { who: 'B' })]);
    assert.notEqual(a.root.traceId, b.root.traceId);
    assert.deepEqual(a.logs.map((l) => l.body), ['A-0', 'A-1', 'A-2', 'A-3', 'A-4']);
    assert.deepEqual(b.logs.map((l) => l.body), ['B-0', 'B-1', 'B-2', 'B-3', 'B-4']);
    assert.ok(a.logs.every((l) => l.traceId === a.root.traceId && l.spanId === a.root.spanId));
    assert.ok(b.logs.every((l) => l.traceId === b.root.traceId && l.spanId === b.root.spanId));
  });

  test('nothing is recorded outside an invocation, nor after it ended, nor with captureConsole: false', async () => {
    let late: Promise<void> | undefined;
    const handler = traced(async () => {
      captureOutput(() => console.log('inside'));
      late = sleep(30).then(() => void captureOutput(() => console.log('after-the-end-marker')));
      return 'ok';
    });
    captureOutput(() => console.log('before-any-invocation-marker'));
    const { logs } = await invoke(handler);
    assert.deepEqual(logs.map((l) => l.body), ['inside']);
    captureOutput(() => console.log('between-invocations-marker'));
    await late;
    const off = traced(
      async () => {
        captureOutput(() => console.log('capture-off-marker'));
        return 'ok';
      },
      { captureConsole: false },
    );
    const before = backend.received.length;
    const offRun = await invoke(off);
    assert.deepEqual(offRun.logs, []);
    assert.ok(backend.received.slice(before).every((b) => b.path === '/v1/traces'), 'no /v1/logs request');
    const offEnv = traced(
      async () => {
        captureOutput(() => console.log('capture-off-marker'));
        return 'ok';
      },
      { env: lambdaEnv(backend.url, { NIGHTJAR_CAPTURE_CONSOLE: 'false' }) },
    );
    assert.deepEqual((await invoke(offEnv)).logs, []);
    await sleep(20);
    assert.deepEqual(
      allLogs().filter((l) => l.body.endsWith('-marker')),
      [],
    );
  });

  test('the console prints exactly what it printed before (runtime prefix kept); return values unchanged', async () => {
    const cases: unknown[][] = [['plain'], ['%s=%d %j', 'a', 42, { x: [1, 2] }], [{ deep: { deeper: { deepest: { x: 1 } } } }], [], ['multi\nline', null, undefined, 10n, Symbol('s')]];
    const handler = traced(async () => {
      for (const m of METHODS) {
        if (m === 'trace') continue; // its stack differs by call site: compared by its first line below
        for (const args of cases) {
          let r1: unknown = 'unset';
          let r2: unknown = 'unset';
          const expected = captureOutput(() => (r1 = originals[m].apply(console, args)));
          const actual = captureOutput(() => (r2 = (console[m] as (...a: unknown[]) => unknown).apply(console, args)));
          assert.deepEqual(actual, expected, `console.${m}(${args.length} args)`);
          assert.equal(r2, r1);
        }
      }
      const t1 = captureOutput(() => originals.trace('t %d', 1));
      const t2 = captureOutput(() => console.trace('t %d', 1));
      assert.equal(t2.stdout, '');
      assert.equal(t2.stderr.split('\n')[0], t1.stderr.split('\n')[0]);
      assert.equal(t2.stderr.split('\n')[0], 'Trace: t 1');
      return 'ok';
    });
    const { logs } = await invoke(handler);
    const info = captureOutput(() => console.info('x'));
    assert.equal(info.stdout, '2026-11-23T00:00:00.000Z\truntime-prefix\tINFO\tx\n', "the runtime's console.info still prints");
    assert.ok(console.info !== runtimeInfo, 'wrapped');
    assert.equal(logs.filter((l) => l.body === 'plain').length, 5, 'recorded after printing');
    assert.equal(logs.find((l) => l.body === 'plain' && l.severityText === 'INFO')?.body, 'plain', 'the record body has no runtime prefix');
  });

  test('a throwing formatter: the console call behaves as before and the handler is unaffected', async () => {
    let calls = 0;
    const flaky = {
      toString(): string {
        if (++calls > 1) throw new Error('toString failed');
        return 'flaky';
      },
    };
    const always = {
      [Symbol.for('nodejs.util.inspect.custom')](): string {
        throw new Error('inspect failed');
      },
    };
    const handler = traced(async () => {
      const printed = captureOutput(() => console.log('%s', flaky));
      assert.equal(printed.stdout, 'flaky\n', 'the original printed it');
      // The original itself throws here: the caller sees the same error, as without the tracer.
      assert.throws(() => captureOutput(() => originals.log(always)), /inspect failed/);
      assert.throws(() => captureOutput(() => console.log(always)), /inspect failed/);
      captureOutput(() => console.log('still working'));
      return 'ok';
    });
    const { logs } = await invoke(handler);
    assert.deepEqual(
      logs.map((l) => l.body),
      ['[nightjar: the console arguments could not be formatted]', 'still working'],
    );
  });

  test('bounded: long lines cut with a marker, secrets masked, lines past the limit counted on the root span', async () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    const handler = traced(async () => {
      captureOutput(() => {
        console.log('token %s used', jwt);
        console.log('x'.repeat(MAX_LINE_BYTES * 3));
        for (let i = 0; i < MAX_LINES + 5; i++) console.log(`line ${i}`);
      });
      return 'ok';
    });
    const { root, logs } = await invoke(handler);
    assert.equal(logs.length, MAX_LINES);
    assert.equal(logs[0]?.body.includes(jwt), false);
    assert.match(logs[0]?.body ?? '', /^token \S+ used$/);
    const long = logs[1]?.body ?? '';
    assert.ok(long.startsWith('x'.repeat(MAX_LINE_BYTES)) && /…\[truncated \d+ bytes\]$/.test(long), long.slice(-40));
    assert.equal(root.attributes['nightjar.console.dropped'], '7');
  });

  test('a line inside an active @opentelemetry/api span gets that span id; spans of other traces are ignored', async () => {
    const key = Symbol.for('opentelemetry.js.api.1');
    const g = globalThis as Record<symbol, unknown>;
    const saved = g[key];
    let active: { traceId: string; spanId: string } | undefined;
    g[key] = { context: { active: () => ({ getValue: (k: symbol) => (k === OTEL_SPAN_KEY && active !== undefined ? { spanContext: () => active } : undefined) }) } };
    try {
      const handler = traced(async () => {
        const traceId = startChildSpan('probe', 'internal').traceId;
        active = { traceId, spanId: '1234567890abcdef' };
        captureOutput(() => console.log('in the user span'));
        active = { traceId: 'f'.repeat(32), spanId: 'fedcba0987654321' };
        captureOutput(() => console.log('other trace'));
        active = undefined;
        return 'ok';
      });
      const { root, logs } = await invoke(handler);
      assert.deepEqual(
        logs.map((l) => [l.body, l.spanId]),
        [
          ['in the user span', '1234567890abcdef'],
          ['other trace', root.spanId],
        ],
      );
      assert.equal(otelActiveSpanId('a'.repeat(32)), undefined, 'no active span');
    } finally {
      g[key] = saved;
    }
  });
});
