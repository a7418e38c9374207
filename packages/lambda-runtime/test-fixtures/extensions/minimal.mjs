// The smallest well-behaved external extension: registers for INVOKE and SHUTDOWN and long-polls
// /event/next over one keep-alive connection until SHUTDOWN.
const api = process.env.AWS_LAMBDA_RUNTIME_API;
const reg = await fetch(`http://${api}/2020-01-01/extension/register`, {
  method: 'POST',
  headers: { 'Lambda-Extension-Name': 'minimal.mjs' },
  body: JSON.stringify({ events: ['INVOKE', 'SHUTDOWN'] }),
});
const id = reg.headers.get('lambda-extension-identifier');
await reg.arrayBuffer();
for (;;) {
  const res = await fetch(`http://${api}/2020-01-01/extension/event/next`, { headers: { 'Lambda-Extension-Identifier': id } });
  const event = await res.json();
  if (event.eventType === 'SHUTDOWN') process.exit(0);
}
