// Nightjar's Lambda extension (an external extension: /opt/extensions/nightjar in the layer).
// It registers for INVOKE and SHUTDOWN, subscribes to the Telemetry API (platform events and the
// function's log lines) and relays the tracer's spans from 127.0.0.1:NIGHTJAR_EXTENSION_PORT, and
// forwards both to NIGHTJAR_ENDPOINT in the background, so that export is off the response path.
// It goes back to event/next at once after each INVOKE (the invocation is never held up by
// Nightjar); on SHUTDOWN it flushes what is left within the shutdown deadline. Never crashes the
// sandbox on Nightjar's account: failures are logged (once per change) and swallowed.
import type http from 'node:http';
import { extensionEnv, readExtensionConfig } from './extension-config.ts';
import { Forwarder } from './forwarder.ts';
import { LambdaApi } from './lambda-api.ts';
import { startSpanRelay, startTelemetryListener } from './listeners.ts';

/** Kept back from the shutdown deadline for closing and exiting. */
const SHUTDOWN_MARGIN_MS = 100;

function log(line: string): void {
  try {
    process.stderr.write(`${line}\n`);
  } catch {
    // nowhere to log
  }
}

async function main(): Promise<void> {
  const config = readExtensionConfig(extensionEnv(), log);
  if (config.runtimeApi === undefined) {
    log('nightjar extension: AWS_LAMBDA_RUNTIME_API is not set; not running in Lambda');
    process.exit(1);
  }
  const api = new LambdaApi(config.runtimeApi);
  const servers: http.Server[] = [];
  let forwarder: Forwarder | undefined;
  if (config.endpoint !== undefined) {
    const fw = new Forwarder({ ...config, endpoint: config.endpoint, timeoutMs: config.forwardTimeoutMs, log });
    forwarder = fw;
    try {
      servers.push(await startSpanRelay(config.relayPort, (body) => fw.addSpans(body), (body) => fw.addLogs(body)));
    } catch (err) {
      log(`nightjar extension: cannot listen on 127.0.0.1:${config.relayPort} (${err instanceof Error ? err.message : String(err)}); spans are not relayed`);
    }
  } else {
    log('nightjar extension: NIGHTJAR_ENDPOINT is not set; forwarding nothing');
  }
  await api.register();
  if (forwarder !== undefined) {
    const fw = forwarder;
    try {
      const telemetry = await startTelemetryListener(config.telemetryHost, config.telemetryPort, (events) => fw.addEvents(events));
      servers.push(telemetry.server);
      await api.subscribeTelemetry(`http://sandbox.localdomain:${telemetry.port}/telemetry`, config.telemetryTimeoutMs);
    } catch (err) {
      log(`nightjar extension: no Telemetry API subscription (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  for (;;) {
    const event = await api.next();
    if (event.eventType === 'SHUTDOWN') {
      await forwarder?.flush(event.deadlineMs - SHUTDOWN_MARGIN_MS);
      if (forwarder !== undefined && forwarder.dropped > 0) log(`nightjar extension: ${forwarder.dropped} buffered items were dropped (buffer full)`);
      for (const s of servers) s.close();
      process.exit(0);
    }
    // What the previous invocations left (e.g. sent while the breaker was open) goes out now, in the background.
    forwarder?.kick();
  }
}

main().catch((err: unknown) => {
  log(`nightjar extension: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
