// `nightjar start`: receivers, store, API and UI in one process until a signal.
import { ConfigError, helpText, parseConfig, startNightjar, VERSION, wantsHelp } from '@nightjar/server';
import { runUntilStopped } from './run-until-stopped.ts';

export async function runStart(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) {
    console.log(helpText());
    return 0;
  }
  let config;
  try {
    config = parseConfig(argv, process.env, process.cwd());
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`nightjar: configuration error: ${err.message}`);
      return 2;
    }
    throw err;
  }
  const running = await startNightjar(config);
  const where = config.clickhouseUrl ? `ClickHouse at ${config.clickhouseUrl}` : `embedded store in ${config.dataDir}`;
  console.log(`nightjar ${VERSION} started (${where}, role ${config.role})`);
  console.log(`  UI and API:  ${running.url}`);
  if (running.otlpUrl) console.log(`  OTLP/HTTP:   ${running.otlpUrl}/v1/traces  /v1/logs  /v1/metrics`);
  console.log(`  Firehose:    ${running.url}/ingest/firehose`);
  console.log(`  Telemetry:   ${running.url}/ingest/lambda-telemetry?function=NAME`);
  console.log('  Try the demo shop: nightjar demo (npm run demo)');
  await runUntilStopped(() => running.stop());
  console.log('nightjar: stopped');
  return 0;
}
