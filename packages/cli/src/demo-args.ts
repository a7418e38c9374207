// The flags of `nightjar demo`: its own (--duration --rate --faults --seed) are taken out, the rest
// (--data-dir --port --otlp-port --host ...) go to Nightjar's own configuration.
import { ConfigError } from '@nightjar/server';
import { parseFaultList, type FaultName } from '@nightjar/demo';

export interface DemoArgs {
  /** Stop after this long; null runs until Ctrl-C. */
  durationMs: number | null;
  /** HTTP requests per second from the simulated customers. */
  rate: number;
  faults: FaultName[];
  seed: number;
  /** Arguments for Nightjar's configuration (parseConfig). */
  rest: string[];
  help: boolean;
}

export const DEMO_USAGE = `Usage: nightjar demo [options]

Starts Nightjar on its embedded store and the demo shop beside it: eleven Lambda functions on a
local Lambda runtime, local SQS, SNS, EventBridge, DynamoDB (with streams), S3 (with notifications),
Kinesis and Lambda endpoints, a payment and a messaging provider, and simulated customers using the
shop's HTTP API. Runs until Ctrl-C (or --duration), then stops everything it started.

Demo options:
  --duration DURATION   stop after this long: 90s, 5m, 1h or seconds (default: until Ctrl-C)
  --rate N              customer HTTP requests per second (default 3)
  --faults LIST         faults switched on from the start, comma-separated (see below)
  --seed N              seed of the simulated traffic, for a reproducible run (default: random, printed)
  --data-dir DIR        Nightjar's data directory (default .nightjar/demo-data)

Every option of "nightjar start" is accepted too (--port, --otlp-port, --host, ...).

Faults (switch at run time: curl -X PUT <control>/faults/NAME -d '{"enabled":true}'):
`;

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/;

export function parseDuration(s: string): number {
  const m = DURATION.exec(s.trim());
  if (!m) throw new ConfigError(`--duration: "${s}" is not a duration (90s, 5m, 1h or seconds)`);
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  const ms = unit === 'ms' ? n : unit === 's' ? n * 1000 : unit === 'm' ? n * 60_000 : n * 3_600_000;
  if (!(ms > 0)) throw new ConfigError(`--duration must be positive: "${s}"`);
  return ms;
}

export function parseDemoArgs(argv: string[], randomSeed: () => number): DemoArgs {
  const own = new Map<string, string>();
  const rest: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--help' || a === '-h') {
      help = true;
      continue;
    }
    const m = /^--(duration|rate|faults|seed)(?:=(.*))?$/.exec(a);
    if (!m) {
      rest.push(a);
      continue;
    }
    const name = m[1] ?? '';
    const value = m[2] ?? argv[++i];
    if (value === undefined || (m[2] === undefined && value.startsWith('--'))) throw new ConfigError(`--${name} needs a value`);
    own.set(name, value);
  }
  const rateText = own.get('rate') ?? '3';
  const rate = Number(rateText);
  if (!(Number.isFinite(rate) && rate > 0 && rate <= 1000)) throw new ConfigError(`--rate must be a number of requests per second in (0, 1000]: "${rateText}"`);
  const seedText = own.get('seed');
  const seed = seedText === undefined ? randomSeed() : Number(seedText);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new ConfigError(`--seed must be a non-negative integer: "${seedText}"`);
  let faults: FaultName[];
  try {
    faults = parseFaultList(own.get('faults') ?? '');
  } catch (err) {
    throw new ConfigError(`--faults: ${(err as Error).message}`);
  }
  const duration = own.get('duration');
  return { durationMs: duration === undefined ? null : parseDuration(duration), rate, faults, seed, rest, help };
}
