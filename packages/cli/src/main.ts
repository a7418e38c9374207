// The `nightjar` command.
import { ConfigError, helpText, parseConfig, startNightjar, VERSION, wantsHelp } from '@nightjar/server';

const USAGE = `Usage: nightjar <command> [options]

Commands:
  start        start Nightjar (receivers, embedded store, API and web UI)

Run "nightjar start --help" for the options of start.
  --version    print the version
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    console.log(VERSION);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return command === undefined ? 1 : 0;
  }
  if (command !== 'start') {
    console.error(`nightjar: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  if (wantsHelp(rest)) {
    console.log(helpText());
    return 0;
  }
  let config;
  try {
    config = parseConfig(rest, process.env, process.cwd());
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
  let stopDemo: (() => Promise<void>) | null = null;
  if (config.demo) {
    const { startDemoTraffic } = await import('@nightjar/demo');
    stopDemo = startDemoTraffic({ url: running.url, otlpUrl: running.otlpUrl ?? running.url }).stop;
    console.log('  demo traffic: on (synthetic Lambda functions; Ctrl-C stops)');
  }
  await new Promise<void>((resolve) => {
    let stopping = false;
    const onSignal = (signal: string) => {
      if (stopping) {
        console.error(`nightjar: ${signal} again, exiting without waiting`);
        process.exit(1);
      }
      stopping = true;
      console.log(`nightjar: ${signal} received, flushing acknowledged data and stopping...`);
      (stopDemo ? stopDemo() : Promise.resolve())
        .then(() => running.stop())
        .then(resolve, (err: unknown) => {
          console.error('nightjar: error while stopping', err);
          resolve();
        });
    };
    process.on('SIGINT', () => onSignal('SIGINT'));
    process.on('SIGTERM', () => onSignal('SIGTERM'));
  });
  console.log('nightjar: stopped');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('nightjar: failed to start:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
