// The UI as a person sees it, in Debian's chromium driven by playwright-core: data sent through the
// real ingest paths appears in the functions list, the function page, the invocation page (figures,
// logs, span waterfall) and the ingest-errors view. Screenshots go to test-output/ui/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { generateLambdaSpans, otlpTraceRequests } from '@nightjar/testkit';
import type { InvocationItem, ListResponse } from '@nightjar/model';
import { eventually, startTestServer } from './test-server.ts';

const CHROMIUM = '/usr/bin/chromium';
const shots = join(new URL('../../..', import.meta.url).pathname, 'test-output', 'ui');

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does`);
  mkdirSync(shots, { recursive: true });
  server = await startTestServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('functions, invocations, an invocation with logs and spans, and ingest errors are visible in the UI', async () => {
  // Traces from the OTel SDK for three functions...
  const { byFunction, invocations } = generateLambdaSpans({ invocations: 60, functions: 3, seed: 11, startMs: Date.now() - 600_000, spacingMs: 5000 });
  for (const body of otlpTraceRequests(byFunction, 'protobuf', 1000)) {
    const r = await fetch(`${server.otlpUrl}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body });
    assert.equal(r.status, 200);
  }
  // ...and the platform logs of one failed invocation of the first, through Firehose.
  const target = invocations.find((i) => i.functionName === 'orders-api')!;
  const t = Date.now() - 120_000;
  const rid = target.requestId;
  const xray = `1-${target.traceId.slice(0, 8)}-${target.traceId.slice(8)}`;
  const lines = [
    `START RequestId: ${rid} Version: 12\n`,
    `${new Date(t + 3).toISOString()}\t${rid}\tINFO\tloading cart for user u-77\n`,
    `${new Date(t + 80).toISOString()}\t${rid}\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"Cannot read properties of undefined (reading 'email')","stack":["TypeError: Cannot read properties of undefined (reading 'email')","    at notify (/var/task/index.js:31:20)"]}\n`,
    `END RequestId: ${rid}\n`,
    `REPORT RequestId: ${rid}\tDuration: 84.10 ms\tBilled Duration: 85 ms\tMemory Size: 256 MB\tMax Memory Used: 88 MB\tStatus: error\tError Type: TypeError\t\nXRAY TraceId: ${xray}\tSegmentId: 0011223344556677\tSampled: true\t\n`,
  ];
  const payload = { messageType: 'DATA_MESSAGE', owner: '123456789012', logGroup: '/aws/lambda/orders-api', logStream: '2026/11/23/[12]abcdef', subscriptionFilters: ['nj'], logEvents: lines.map((message, i) => ({ id: `${i}`, timestamp: t + i * 20, message })) };
  const fh = await fetch(`${server.url}/ingest/firehose`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ requestId: 'ui-1', timestamp: Date.now(), records: [{ data: gzipSync(JSON.stringify(payload)).toString('base64') }, { data: '!!not-base64-gzip!!' }] }),
  });
  assert.equal(fh.status, 200);
  await eventually(async () => {
    const r = await server.getJson<ListResponse<InvocationItem>>(`/api/invocations?function=orders-api&status=error`);
    return r.body.items.some((i) => i.requestId === rid) ? true : undefined;
  });

  await eventually(async () => {
    const r = await server.getJson<ListResponse<{ function: string }>>('/api/functions?from=now-1h');
    return r.body.items.length >= 3 ? true : undefined;
  });

  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  await page.goto(`${server.url}/?range=1h`);
  await page.getByTestId('function-row').first().waitFor({ timeout: 15000 });
  const rows = await page.getByTestId('function-row').allInnerTexts();
  assert.ok(rows.some((r) => r.includes('orders-api')), `function rows: ${rows.join(' | ')}`);
  assert.ok(rows.length >= 3, 'three functions listed');
  await page.screenshot({ path: join(shots, '1-functions.png'), fullPage: true });

  await page.getByRole('link', { name: 'orders-api', exact: true }).first().click();
  await page.getByTestId('invocation-row').first().waitFor({ timeout: 15000 });
  const invRows = await page.getByTestId('invocation-row').allInnerTexts();
  assert.ok(invRows.length > 1);
  assert.ok(invRows.some((r) => r.includes(rid.slice(0, 8))), 'the failed invocation is listed');
  await page.screenshot({ path: join(shots, '2-function.png'), fullPage: true });

  await page.goto(`${server.url}/functions/orders-api/invocations/${rid}`);
  await page.getByTestId('log-row').first().waitFor({ timeout: 15000 });
  const text = await page.locator('body').innerText();
  assert.match(text, /TypeError/);
  assert.match(text, /Cannot read properties of undefined/);
  assert.match(text, /84\.1/);
  const logRows = await page.getByTestId('log-row').allInnerTexts();
  assert.ok(logRows.some((l) => l.includes('loading cart for user u-77')));
  await page.getByTestId('waterfall').waitFor();
  assert.ok((await page.getByTestId('span-bar').count()) >= 2, 'root span and its client spans in the waterfall');
  await page.screenshot({ path: join(shots, '3-invocation.png'), fullPage: true });

  // the logs page, filtered by function and level through its selects (kept in the URL)
  await page.goto(`${server.url}/logs?range=1h`);
  await page.getByTestId('log-row').first().waitFor({ timeout: 15000 });
  await page.getByTestId('log-function-filter').selectOption('orders-api');
  await page.waitForURL(/function=orders-api/);
  await page.getByTestId('log-level-filter').selectOption('error');
  await page.waitForURL(/level=error/);
  await eventually(async () => {
    const levels = await page.getByTestId('log-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-level')));
    return levels.length > 0 && levels.every((l) => l === 'error') ? true : undefined;
  });
  assert.match((await page.getByTestId('logs-table').innerText()), /TypeError/);
  assert.equal(await page.getByTestId('log-function-filter').inputValue(), 'orders-api');

  await page.goto(`${server.url}/ingest-errors`);
  await page.getByTestId('ingest-error-row').first().waitFor({ timeout: 15000 });
  assert.match((await page.getByTestId('ingest-error-row').first().innerText()), /firehose/i);
  await page.screenshot({ path: join(shots, '4-ingest-errors.png'), fullPage: true });

  assert.deepEqual(pageErrors, [], 'no JavaScript errors in the page');
});
