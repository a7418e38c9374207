// Builds the committed fixtures from a demo export ({ spans, invocations }), trimmed: one order's
// flow (its invocations and what they fed), needed attributes only, short payloads.
// Usage: node packages/assemble/test-fixtures/make-fixtures.mjs /tmp/demo2-export.json
import { readFileSync, writeFileSync } from 'node:fs';

const src = process.argv[2] ?? '/tmp/demo2-export.json';
const d = JSON.parse(readFileSync(src, 'utf8'));
const here = new URL('.', import.meta.url).pathname;

const DROP_ATTRS = new Set(['cloud.account.id', 'cloud.resource_id', 'faas.max_memory', 'cloud.provider', 'cloud.platform', 'user_agent.original', 'client.address', 'aws.api_gateway.api_id', 'aws.api_gateway.stage', 'aws.api_gateway.request_id', 'url.path', 'faas.document.time', 'http.request.method_original']);
const roots = d.spans.filter((s) => (s.kind === 'server' || s.kind === 'consumer') && s.functionName);
const byId = new Map(d.spans.map((s) => [s.spanId, s]));
/** The request id of a span: its own, else its ancestors' (client spans carry none). */
function requestOf(s) {
  let cur = s;
  for (let i = 0; i < 100 && cur !== undefined; i++) {
    if (cur.requestId) return cur.requestId;
    cur = byId.get(cur.parentSpanId);
  }
  return '';
}
const spansOfReq = new Map();
for (const s of d.spans) {
  const k = `${s.functionName}/${requestOf(s)}`;
  if (!spansOfReq.has(k)) spansOfReq.set(k, []);
  spansOfReq.get(k).push(s);
}
const startMs = (s) => Number(s.startNs) / 1e6;
const producersOf = new Map();
for (const s of d.spans) for (const k of s.linkOut) (producersOf.get(k) ?? producersOf.set(k, []).get(k)).push(s);

/** Consumers fed by the spans of one invocation (ddb: only when it is the nearest earlier producer). */
function downstream(spans) {
  const out = [];
  const outKeys = new Map(spans.flatMap((s) => s.linkOut.map((k) => [k, s])));
  for (const r of roots) {
    for (const k of r.linkIn) {
      const p = outKeys.get(k);
      if (p === undefined) continue;
      if (k.startsWith('ddb:')) {
        const earlier = (producersOf.get(k) ?? []).filter((x) => startMs(x) <= startMs(r)).sort((a, b) => startMs(b) - startMs(a))[0];
        if (earlier !== p) continue;
      }
      out.push(r);
      break;
    }
  }
  return out;
}

function flowFrom(root) {
  const seen = new Set();
  const queue = [root];
  const spans = [];
  const requestIds = new Set();
  while (queue.length > 0) {
    const r = queue.shift();
    const k = `${r.functionName}/${r.requestId}`;
    if (seen.has(k)) continue;
    seen.add(k);
    requestIds.add(r.requestId);
    const mine = spansOfReq.get(k) ?? [];
    spans.push(...mine);
    for (const s of mine) for (const key of s.linkOut) if (key.startsWith('lambda:')) requestIds.add(key.slice(7));
    queue.push(...downstream(mine));
  }
  return { spans, requestIds };
}

const cut = (s, n) => (s.length > n ? s.slice(0, n) : s);
function trim(s) {
  const attributes = Object.fromEntries(Object.entries(s.attributes).filter(([k]) => !DROP_ATTRS.has(k)));
  const isRoot = s.kind === 'server' || s.kind === 'consumer';
  return {
    ...s,
    attributes,
    resource: { 'service.name': s.resource['service.name'] ?? s.service, 'faas.name': s.resource['faas.name'] ?? s.functionName, 'faas.version': s.resource['faas.version'] ?? '' },
    events: s.events.map((e) => ({ ...e, attributes: Object.fromEntries(Object.entries(e.attributes).filter(([k]) => k !== 'exception.stacktrace')) })),
    input: isRoot ? cut(s.input, 2200) : '',
    output: isRoot ? cut(s.output, 400) : '',
  };
}

function write(name, root, extra = []) {
  const { spans, requestIds } = flowFrom(root);
  const all = [...spans, ...extra];
  const traces = new Set(all.map((s) => s.traceId));
  const invocations = d.invocations.filter((i) => requestIds.has(i.requestId) || (i.traceId !== null && traces.has(i.traceId) && all.some((s) => s.requestId === i.requestId)));
  const out = { source: 'demo shop export (trimmed by make-fixtures.mjs)', rootSpanId: root.spanId, spans: all.map(trim), invocations };
  writeFileSync(`${here}${name}.json`, JSON.stringify(out, null, 1) + '\n');
  console.log(name, all.length, 'spans', invocations.length, 'invocations', JSON.stringify(out).length, 'bytes');
}

const ordersRoots = roots.filter((r) => r.functionName === 'orders-api' && r.attributes['http.route'] === '/orders' && r.attributes['http.request.method'] === 'POST');
const fnsOf = (root) => new Set(flowFrom(root).spans.map((s) => s.functionName));
const failedNotify = (root) => flowFrom(root).spans.some((s) => s.functionName === 'notify' && s.status === 'error');
const full = ['orders-api', 'process-payment', 'fraud-check', 'order-events', 'notify', 'clickstream', 'inventory'];
const bad = ordersRoots.find((r) => failedNotify(r) && fnsOf(r).has('order-events'));
const good = ordersRoots.find((r) => !failedNotify(r) && full.every((f) => fnsOf(r).has(f)));
if (bad === undefined || good === undefined) throw new Error('no suitable order flow in the export');
write('bad-deployment', bad);
write('order-flow', good);
const lunch = roots.find((r) => r.functionName === 'lunch-reminder' && fnsOf(r).has('notify'));
if (lunch !== undefined) write('lunch-reminder', lunch);
const upload = roots.find((r) => r.functionName === 'avatars-api' && fnsOf(r).has('avatar-resize'));
if (upload !== undefined) write('avatar-upload', upload);

// Failing batch consumers (root spans only, whole inputs): failingRecordKeys' fixture.
const batches = roots
  .filter((r) => r.functionName === 'notify' && r.status === 'error' && Number(r.attributes['messaging.batch.message_count']) > 1)
  .map((r) => ({ ...trim(r), input: r.input }));
writeFileSync(`${here}failing-batches.json`, JSON.stringify({ source: 'demo shop export (failing notify batches, by make-fixtures.mjs)', roots: batches }, null, 1) + '\n');
console.log('failing-batches', batches.length, 'root spans');
