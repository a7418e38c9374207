// An external extension, written the way real ones are: register for INVOKE and SHUTDOWN, subscribe
// to the Telemetry API with a local HTTP listener, and forward everything it receives to
// RECORDER_URL (the test's collector). It takes EXTENSION_DELAY_MS after each INVOKE before asking
// for the next event (as a telemetry flush would).
import http from 'node:http';

const api = process.env.AWS_LAMBDA_RUNTIME_API;
const recorder = process.env.RECORDER_URL;
const delayMs = Number(process.env.EXTENSION_DELAY_MS ?? '0');

async function forward(kind, body) {
  await fetch(recorder, { method: 'POST', body: JSON.stringify({ kind, body }) });
}

const listener = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    await forward('telemetry', JSON.parse(Buffer.concat(chunks).toString('utf8')));
    res.end('ok');
  });
});
await new Promise((resolve) => listener.listen(0, '127.0.0.1', resolve));

const reg = await fetch(`http://${api}/2020-01-01/extension/register`, {
  method: 'POST',
  headers: { 'Lambda-Extension-Name': 'recorder.mjs' },
  body: JSON.stringify({ events: ['INVOKE', 'SHUTDOWN'] }),
});
const id = reg.headers.get('lambda-extension-identifier');
await forward('registered', await reg.json());

const sub = await fetch(`http://${api}/2022-07-01/telemetry`, {
  method: 'PUT',
  headers: { 'Lambda-Extension-Identifier': id },
  body: JSON.stringify({
    schemaVersion: '2022-12-13',
    destination: { protocol: 'HTTP', URI: `http://sandbox.localdomain:${listener.address().port}/telemetry` },
    types: ['platform', 'function'],
    buffering: { maxItems: 1000, maxBytes: 262144, timeoutMs: 25 },
  }),
});
await forward('subscribed', sub.status);
console.log('recorder extension ready');

for (;;) {
  const res = await fetch(`http://${api}/2020-01-01/extension/event/next`, { headers: { 'Lambda-Extension-Identifier': id } });
  const event = await res.json();
  await forward('event', event);
  if (event.eventType === 'SHUTDOWN') {
    await new Promise((resolve) => setTimeout(resolve, 100));
    listener.close();
    process.exit(0);
  }
  await new Promise((resolve) => setTimeout(resolve, delayMs));
}
