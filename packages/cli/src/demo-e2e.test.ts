// The demo end to end, as a user runs it: `nightjar demo` for a bounded time with faults switched
// on at start and at run time, then the store is opened and checked: invocations of every shop
// function from the platform logs (Firehose), cold starts, failures, the new version the bad
// deployment made, and spans for every asynchronous hop whose producer key matches a consumer key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { openStore } from '@nightjar/store';
import type { ServiceMap } from '@nightjar/model';

const root = new URL('../../..', import.meta.url).pathname;
const CHROMIUM = '/usr/bin/chromium';
const shots = join(root, 'test-output', 'demo');
const SHOP = ['orders-api', 'avatars-api', 'fraud-check', 'process-payment', 'order-events', 'notify', 'inventory', 'avatar-resize', 'clickstream', 'daily-report', 'lunch-reminder'];

async function until<T>(f: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

test('nightjar demo: every function and every asynchronous hop reaches Nightjar; faults show', { timeout: 300_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nightjar-demo-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, [join(root, 'packages/cli/bin/nightjar.js'), 'demo', '--duration', '100s', '--rate', '6', '--seed', '42', '--faults', 'poison-messages', '--data-dir', join(dataDir, 'data'), '--port', String(port), '--otlp-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  try {
    const control = await until(async () => /fault control:\s+(http:\/\/\S+)\/faults/.exec(out)?.[1], 120_000, `the control address in the output:\n${out}`);
    // switched at run time, once notify has run: the bad deployment makes a new notify version
    await until(async () => {
      const s = (await (await fetch(`${control}/status`)).json()) as { functions: { name: string; instances: number }[] };
      return (s.functions.find((f) => f.name === 'notify')?.instances ?? 0) > 0 ? true : undefined;
    }, 60_000, 'notify to run');
    const r = await fetch(`${control}/faults/bad-deployment`, { method: 'PUT', body: JSON.stringify({ enabled: true }) });
    assert.equal(r.status, 200, await r.clone().text());
    assert.equal(((await r.json()) as { enabled: boolean }).enabled, true);
    const before = (await (await fetch(`${control}/status`)).json()) as { queues: Record<string, { visible: number }> };
    assert.ok(before.queues['shop-payments-dlq'] !== undefined);
    // the poison messages reach the DLQ after three receives (10 s visibility timeout)
    const dlq = await until(async () => {
      const s = (await (await fetch(`${control}/status`)).json()) as { queues: Record<string, { visible: number }> };
      const n = s.queues['shop-payments-dlq']?.visible ?? 0;
      return n > 0 ? n : undefined;
    }, 65_000, 'a poison message in the dead-letter queue');
    assert.ok(dlq > 0);
    await checkUi(`http://127.0.0.1:${port}`);
    const code = await exited;
    assert.equal(code, 0, out);
    assert.match(out, /nightjar: stopped/);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
  }

  const store = await openStore({ kind: 'chdb', dataDir: join(dataDir, 'data') });
  try {
    const rows = await store.db.query<{ function: string; n: string; cold: string; failed: string; versions: string[]; sources: string[] }>(
      `SELECT function, count() AS n, countIf(cold = 1) AS cold, countIf(rank > 1) AS failed, groupUniqArray(v) AS versions, groupUniqArrayArray(src) AS sources
       FROM (SELECT function, request_id, max(cold_start) AS cold, max(status_rank) AS rank, max(version) AS v, groupUniqArrayArray(sources) AS src FROM invocations GROUP BY function, request_id)
       GROUP BY function`,
    );
    const byFn = new Map(rows.map((r) => [r.function, r]));
    for (const fn of SHOP) {
      const r = byFn.get(fn);
      assert.ok(r !== undefined && Number(r.n) > 0, `invocations of ${fn}: ${JSON.stringify(rows)}`);
      assert.ok(Number(r.cold) > 0, `a cold start of ${fn}`);
      assert.ok(r.sources.includes('report-log'), `${fn} seen through its platform logs (Firehose)`);
    }
    assert.ok(!byFn.get('daily-report')?.sources.includes('tracer'), 'daily-report runs without the tracer');
    assert.ok(byFn.get('orders-api')?.sources.includes('tracer'), 'orders-api traced');
    assert.ok(byFn.get('process-payment')?.sources.includes('telemetry'), 'process-payment reports through the Telemetry API extension');
    assert.ok(Number(byFn.get('process-payment')?.failed) > 0, 'poison messages fail process-payment');
    assert.ok((byFn.get('notify')?.versions.length ?? 0) >= 2, `the bad deployment made a new notify version: ${JSON.stringify(byFn.get('notify'))}`);
    assert.ok(Number(byFn.get('notify')?.failed) > 0, 'the bad deployment makes notify fail');

    // every asynchronous hop: a producer's key equals a consumer's key
    const hops = await store.db.query<{ kind: string; n: string }>(
      `SELECT splitByChar(':', k)[1] AS kind, count() AS n
       FROM (SELECT arrayJoin(link_out) AS k FROM spans)
       WHERE k IN (SELECT arrayJoin(link_in) FROM spans)
       GROUP BY kind`,
    );
    const kinds = new Set(hops.map((h) => h.kind));
    for (const kind of ['sqs', 'sns', 'events', 'ddb', 's3', 'kinesis', 'lambda']) assert.ok(kinds.has(kind), `a matched ${kind} hop: ${JSON.stringify(hops)}`);
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** From the failing notify invocation, one click to its transaction: the entry point and users,
 * the first failure, and the root cause upstream (orders-api got an empty phone), then a walk
 * upstream from the failure along the graph. */
async function checkTransaction(page: Page): Promise<void> {
  await page.getByTestId('view-transaction-link').first().click();
  await page.getByTestId('transaction-page').waitFor({ timeout: 30_000 });
  await page.getByTestId('tx-node').first().waitFor({ timeout: 30_000 });
  assert.match(await page.getByTestId('tx-entry').innerText(), /POST \/orders/);
  const users = await page.getByTestId('tx-user').evaluateAll((els) => els.map((e) => `${e.textContent ?? ''} affected=${e.getAttribute('data-affected')}`));
  assert.ok(users.some((u) => u.endsWith('affected=true')), `at least one user affected: ${JSON.stringify(users)}`);
  const rc = await page.getByTestId('tx-root-cause').innerText();
  assert.match(rc, /orders-api/, rc);
  assert.match(rc, /phone/, rc);
  const nodes = await page.getByTestId('tx-node').evaluateAll((els) => els.map((e) => [e.getAttribute('data-node-id'), e.getAttribute('data-status')]));
  assert.ok(nodes.some(([id, status]) => id === 'lambda:notify' && status === 'error'), `notify failing in the graph: ${JSON.stringify(nodes)}`);
  assert.ok(nodes.some(([id]) => id === 'api:POST /orders'), `the entry route in the graph: ${JSON.stringify(nodes)}`);
  assert.ok((await page.getByTestId('tx-edge').count()) > 0, 'labelled edges');
  await page.screenshot({ path: join(shots, 'transaction.png'), fullPage: true });

  const panel = page.getByTestId('tx-side-panel');
  const panelNode = (id: string) => until(async () => ((await panel.getAttribute('data-node-id')) === id ? true : undefined), 10_000, `the side panel on ${id}`);
  await page.getByTestId('tx-show-failure').click();
  await panelNode('lambda:notify');
  await page.getByTestId('tx-error').waitFor({ timeout: 10_000 });
  const failure = await panel.innerText();
  assert.match(failure, /notify/);
  assert.match(failure, /InvalidContactError/);
  await page.screenshot({ path: join(shots, 'transaction-failure.png'), fullPage: true });

  // upstream from the failure: notify <- its queue <- ... one hop at least
  const up = panel.getByTestId('tx-upstream').first();
  const next = await up.getAttribute('data-node-id');
  assert.ok(next, 'notify has something upstream');
  await up.click();
  await panelNode(next);
  const down = await panel.getByTestId('tx-downstream').evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id')));
  assert.ok(down.includes('lambda:notify'), `${next} feeds notify: ${JSON.stringify(down)}`);

  await page.getByTestId('tx-show-root-cause').click();
  await panelNode('lambda:orders-api');
  assert.match(await panel.innerText(), /orders-api/);
  const input = await panel.getByTestId('tx-input').innerText();
  assert.match(input, /"phone"/, input.slice(0, 2000));
  assert.match(await panel.getByTestId('tx-marked-field').innerText(), /phone/);
  await page.screenshot({ path: join(shots, 'transaction-root-cause.png'), fullPage: true });
}

/** notify's impact panel names the route its failures came through; a chip opens that route's transactions. */
async function checkImpact(page: Page, ui: string): Promise<void> {
  await page.goto(`${ui}/functions/notify`);
  const entry = page.locator('[data-testid="impact-entry"]', { hasText: 'POST /orders' }).first();
  await entry.waitFor({ timeout: 30_000 });
  assert.ok((await page.getByTestId('impact-user').count()) >= 1, 'users affected by notify failures');
  await page.screenshot({ path: join(shots, 'impact.png'), fullPage: true });
  await entry.click();
  await page.getByTestId('tx-list-row').first().waitFor({ timeout: 30_000 });
  assert.match(page.url(), /\/transactions\?.*entry=POST/);
  await page.screenshot({ path: join(shots, 'transactions-list.png'), fullPage: true });
}

/** The service map: every hop of the shop as an edge (SNS -> SQS and the EventBridge bus resolved through their producers), drawn. */
async function checkServiceMap(page: Page, ui: string): Promise<void> {
  const map = (await (await fetch(`${ui}/api/service-map`)).json()) as ServiceMap;
  const edges = map.edges.map((e) => `${e.from} -> ${e.to} (${e.via})`);
  const has = (re: RegExp, what: string) => assert.ok(edges.some((e) => re.test(e)), `${what} in ${JSON.stringify(edges, null, 1)}`);
  has(/^api:POST \/orders -> lambda:orders-api \(trigger\)$/, 'the route into orders-api');
  has(/^sns:\S+ -> sqs:\S+ \(sns\)$/, 'the topic feeding the notifications queue');
  has(/^sqs:\S+ -> lambda:notify \(sqs\)$/, 'the queue into notify');
  has(/^eventbridge:(?!default)\S+ -> lambda:order-events \(eventbridge\)$/, 'the bus (named by its producer) into order-events');
  has(/^lambda:process-payment -> lambda:fraud-check \(invoke\)$/, 'the direct invoke');
  has(/^dynamodb:\S+ -> lambda:inventory \(dynamodb\)$/, 'the table stream into inventory');
  has(/^s3:\S+ -> lambda:avatar-resize \(s3\)$/, 'the bucket into avatar-resize');
  has(/^kinesis:\S+ -> lambda:clickstream \(kinesis\)$/, 'the stream into clickstream');
  const nodes = new Map(map.nodes.map((n) => [n.id, n]));
  for (const fn of SHOP) assert.ok(nodes.has(`lambda:${fn}`), `${fn} on the map`);
  assert.ok((nodes.get('lambda:notify')?.errors ?? 0) > 0, 'notify failing on the map');

  await page.goto(`${ui}/service-map`);
  await page.locator('[data-testid="service-map-node"][data-node-id="lambda:notify"]').waitFor({ timeout: 30_000 });
  assert.ok((await page.getByTestId('service-map-edge').count()) >= 10, 'the edges drawn');
  await page.locator('[data-testid="service-map-node"][data-node-id="lambda:notify"]').click();
  await page.locator('[data-testid="service-map-panel"][data-node-id="lambda:notify"]').waitFor({ timeout: 10_000 });
  await page.screenshot({ path: join(shots, 'service-map.png'), fullPage: true });
}

/** What a person sees in the browser while the demo runs: every shop function listed with cold
 * starts, the failures the faults cause, and the bad deployment's error on an invocation page. */
async function checkUi(ui: string): Promise<void> {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does`);
  mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const cell = (fn: string, col: string) => page.locator(`[data-testid="function-row"][data-function="${fn}"] td[data-col="${col}"]`).innerText();
    const count = async (fn: string, col: string) => Number((await cell(fn, col)).replace(/[^0-9.]/g, '') || '0');
    await until(async () => {
      await page.goto(`${ui}/`);
      await page.locator('[data-testid="function-row"]').first().waitFor({ timeout: 10_000 });
      const shown = await page.locator('[data-testid="function-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-function')));
      if (!SHOP.every((fn) => shown.includes(fn))) return undefined;
      for (const fn of SHOP) if ((await count(fn, 'coldStarts')) === 0) return undefined;
      return (await count('notify', 'errors')) > 0 && (await count('process-payment', 'errors')) > 0 ? true : undefined;
    }, 60_000, 'every shop function with cold starts, and failures of notify and process-payment, in the functions list');
    await page.screenshot({ path: join(shots, 'functions.png'), fullPage: true });

    await page.goto(`${ui}/functions/notify`);
    const failed = page.locator('[data-testid="invocation-row"][data-status="error"]').first();
    await failed.waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(shots, 'notify.png'), fullPage: true });
    await failed.locator('[data-testid="invocation-link"]').click();
    const error = page.locator('[data-testid="invocation-error"]');
    await error.waitFor({ timeout: 20_000 });
    assert.match(await error.innerText(), /InvalidContactError|phone number is empty/);
    await page.screenshot({ path: join(shots, 'notify-invocation.png'), fullPage: true });
    await checkTransaction(page);
    await checkImpact(page, ui);
    await checkServiceMap(page, ui);
  } finally {
    await browser.close();
  }
}
