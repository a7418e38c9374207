// `nightjar demo`: Nightjar on its embedded store plus the demo shop sending it real telemetry.
import path from 'node:path';
import { ConfigError, parseConfig, startNightjar, VERSION } from '@nightjar/server';
import { FAULT_DESCRIPTIONS, FAULT_NAMES, startShop, type RunningShop } from '@nightjar/demo';
import { DEMO_USAGE, parseDemoArgs } from './demo-args.ts';
import { runUntilStopped } from './run-until-stopped.ts';

const DEFAULT_DEMO_DATA_DIR = '.nightjar/demo-data';

export function demoHelp(): string {
  return `${DEMO_USAGE}${FAULT_NAMES.map((f) => `  ${f.padEnd(22)}${FAULT_DESCRIPTIONS[f]}`).join('\n')}\n`;
}

function summary(shop: RunningShop): string {
  const s = shop.status();
  const ok = Object.entries(s.gateway.byStatus).map(([code, n]) => `${code}:${n}`).join(' ');
  const instances = s.functions.reduce((n, f) => n + f.instances, 0);
  const faults = s.faults.filter((f) => f.enabled).map((f) => f.name).join(',') || 'none';
  return `demo: ${s.uptimeSeconds}s, ${s.gateway.requests} API requests (${ok || 'none yet'}), ${s.logs.events} log events shipped, ${instances} warm instances, faults: ${faults}`;
}

export async function runDemo(argv: string[]): Promise<number> {
  let args;
  let config;
  try {
    args = parseDemoArgs(argv, () => Math.floor(Math.random() * 1_000_000));
    if (args.help) {
      console.log(demoHelp());
      return 0;
    }
    const rest = [...args.rest];
    if (!rest.some((a) => a === '--data-dir' || a.startsWith('--data-dir=')) && process.env.NIGHTJAR_DATA_DIR === undefined) rest.push('--data-dir', DEFAULT_DEMO_DATA_DIR);
    config = parseConfig(rest, process.env, process.cwd());
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`nightjar demo: ${err.message}`);
      return 2;
    }
    throw err;
  }
  const running = await startNightjar(config);
  console.log(`nightjar ${VERSION} started (embedded store in ${config.dataDir})`);
  console.log('demo: building and deploying the shop (eleven Lambda functions)...');
  let shop: RunningShop;
  try {
    shop = await startShop({
      nightjarUrl: running.url,
      ...(config.firehoseAccessKey ? { firehoseAccessKey: config.firehoseAccessKey } : {}),
      workDir: path.resolve(`${config.dataDir}-shop`),
      seed: args.seed,
      rate: args.rate,
      faults: args.faults,
    });
  } catch (err) {
    await running.stop();
    throw err;
  }
  console.log('');
  console.log(`  Nightjar UI:    ${running.url}`);
  console.log(`  shop HTTP API:  ${shop.gatewayUrl}  (POST /orders, GET /orders/{id}, POST /users/{id}/avatar; JWT bearer)`);
  console.log(`  fault control:  ${shop.controlUrl}/faults   e.g. curl -X PUT ${shop.controlUrl}/faults/bad-deployment -d '{"enabled":true}'`);
  console.log(`  status:         ${shop.controlUrl}/status`);
  console.log(`  traffic:        ${args.rate} requests/s, seed ${args.seed} (--seed ${args.seed} repeats it)`);
  console.log(`  faults on:      ${args.faults.length > 0 ? args.faults.join(', ') : 'none'}`);
  console.log(args.durationMs != null ? `  runs for ${Math.round(args.durationMs / 1000)} s; Ctrl-C stops earlier` : '  Ctrl-C stops');
  console.log('');
  const ticker = setInterval(() => console.log(summary(shop)), 15_000);
  await runUntilStopped(
    async () => {
      clearInterval(ticker);
      await shop.stop();
      console.log(summary(shop));
      await running.stop();
    },
    { durationMs: args.durationMs },
  );
  console.log('nightjar: stopped');
  return 0;
}
