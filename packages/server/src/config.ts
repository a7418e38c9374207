// Start-up configuration: flags > environment > defaults, validated once, with messages that name
// the bad setting. The only place (with cli) that reads process.env.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';

export type Role = 'all' | 'ingest' | 'api' | 'worker';

export interface Config {
  dataDir: string;
  host: string;
  port: number;
  /** null: no OTLP listener (--otlp-port 0). */
  otlpPort: number | null;
  clickhouseUrl: string | null;
  clickhouseUser: string | null;
  clickhousePassword: string | null;
  clickhouseDatabase: string;
  role: Role;
  project: string;
  firehoseAccessKey: string | null;
  retentionDays: number;
  webDir: string | null;
  /** fdatasync of the embedded store's write-ahead log before each acknowledgement. */
  walFsync: 'always' | 'never';
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

interface Setting {
  flag: string;
  env: string;
  type: 'string' | 'boolean';
  help: string;
  default?: string;
}

export const SETTINGS: Record<string, Setting> = {
  dataDir: { flag: 'data-dir', env: 'NIGHTJAR_DATA_DIR', type: 'string', default: '.nightjar/data', help: 'directory of the embedded store (chDB)' },
  host: { flag: 'host', env: 'NIGHTJAR_HOST', type: 'string', default: '127.0.0.1', help: 'address to listen on (0.0.0.0 for every interface)' },
  port: { flag: 'port', env: 'NIGHTJAR_PORT', type: 'string', default: '8318', help: 'port of the UI, the API and /ingest/*' },
  otlpPort: { flag: 'otlp-port', env: 'NIGHTJAR_OTLP_PORT', type: 'string', default: '4318', help: 'port of the OTLP/HTTP receiver (/v1/traces, /v1/logs, /v1/metrics); 0 disables it' },
  clickhouseUrl: { flag: 'clickhouse-url', env: 'NIGHTJAR_CLICKHOUSE_URL', type: 'string', help: 'use a ClickHouse server (http://host:8123) instead of the embedded store' },
  clickhouseUser: { flag: 'clickhouse-user', env: 'NIGHTJAR_CLICKHOUSE_USER', type: 'string', help: 'ClickHouse user name' },
  clickhousePassword: { flag: 'clickhouse-password', env: 'NIGHTJAR_CLICKHOUSE_PASSWORD', type: 'string', help: 'ClickHouse password' },
  clickhouseDatabase: { flag: 'clickhouse-database', env: 'NIGHTJAR_CLICKHOUSE_DATABASE', type: 'string', default: 'nightjar', help: 'ClickHouse database' },
  role: { flag: 'role', env: 'NIGHTJAR_ROLE', type: 'string', default: 'all', help: 'all | ingest | api | worker (roles other than all need --clickhouse-url)' },
  project: { flag: 'project', env: 'NIGHTJAR_PROJECT', type: 'string', default: 'default', help: 'project name stored with every row' },
  firehoseAccessKey: { flag: 'firehose-access-key', env: 'NIGHTJAR_FIREHOSE_ACCESS_KEY', type: 'string', help: 'required X-Amz-Firehose-Access-Key on /ingest/firehose' },
  retentionDays: { flag: 'retention-days', env: 'NIGHTJAR_RETENTION_DAYS', type: 'string', default: '30', help: 'days spans and logs are kept' },
  walFsync: { flag: 'wal-fsync', env: 'NIGHTJAR_WAL_FSYNC', type: 'string', default: 'always', help: 'always | never: fdatasync the embedded store\'s write-ahead log (<data-dir>/wal) before acknowledging (never: a power loss may lose the last acknowledged writes)' },
  webDir: { flag: 'web-dir', env: 'NIGHTJAR_WEB_DIR', type: 'string', help: 'directory of the built web UI (default: packages/web/dist)' },
};

export function helpText(): string {
  const lines = Object.values(SETTINGS).map((s) => {
    const name = s.type === 'boolean' ? `--${s.flag}` : `--${s.flag} VALUE`;
    const def = s.default !== undefined ? ` (default ${s.default})` : '';
    return `  ${name.padEnd(30)} ${s.help}${def}\n  ${''.padEnd(30)} env ${s.env}`;
  });
  return `Usage: nightjar start [options]

Starts Nightjar: OTLP/HTTP receiver, Firehose and Telemetry API endpoints, embedded store, API
and web UI, in one process. Flags override environment variables, which override defaults.

Options:
${lines.join('\n')}
  --help                         show this help
`;
}

export function parseConfig(argv: string[], env: Record<string, string | undefined>, cwd: string): Config {
  const options: Record<string, { type: 'string' | 'boolean' }> = { help: { type: 'boolean' } };
  for (const s of Object.values(SETTINGS)) options[s.flag] = { type: s.type };
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new ConfigError(`${(err as Error).message}\nRun "nightjar start --help" for the options.`);
  }
  const raw = (key: keyof typeof SETTINGS): string | undefined => {
    const s = SETTINGS[key]!;
    const flag = values[s.flag];
    if (typeof flag === 'string') return flag;
    if (flag === true) return 'true';
    const fromEnv = env[s.env];
    if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
    return s.default;
  };
  const where = (key: keyof typeof SETTINGS) => `--${SETTINGS[key]!.flag} / ${SETTINGS[key]!.env}`;
  const port = (key: keyof typeof SETTINGS, allowZero: boolean): number => {
    const v = raw(key)!;
    const n = Number(v);
    if (!Number.isInteger(n) || n < (allowZero ? 0 : 1) || n > 65535) throw new ConfigError(`${where(key)}: "${v}" is not a port number (${allowZero ? 0 : 1}-65535)`);
    return n;
  };

  const role = raw('role')!;
  if (!['all', 'ingest', 'api', 'worker'].includes(role)) throw new ConfigError(`${where('role')}: "${role}" is not one of all, ingest, api, worker`);
  const clickhouseUrl = raw('clickhouseUrl') ?? null;
  if (clickhouseUrl !== null) {
    let u: URL;
    try {
      u = new URL(clickhouseUrl);
    } catch {
      throw new ConfigError(`${where('clickhouseUrl')}: "${clickhouseUrl}" is not a URL (e.g. http://localhost:8123)`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new ConfigError(`${where('clickhouseUrl')}: use an http:// or https:// URL of the ClickHouse HTTP interface`);
  }
  if (role !== 'all' && clickhouseUrl === null) {
    throw new ConfigError(`${where('role')}: role "${role}" needs a shared ClickHouse server (--clickhouse-url); the embedded store is owned by one process, so use role all`);
  }
  const retention = Number(raw('retentionDays'));
  if (!Number.isInteger(retention) || retention < 1 || retention > 3650) throw new ConfigError(`${where('retentionDays')}: "${raw('retentionDays')}" must be a whole number of days from 1 to 3650`);
  const project = raw('project')!;
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(project)) throw new ConfigError(`${where('project')}: "${project}" may hold letters, digits, _ . - only (1-64 characters)`);
  const walFsync = raw('walFsync')!;
  if (walFsync !== 'always' && walFsync !== 'never') throw new ConfigError(`${where('walFsync')}: "${walFsync}" is not one of always, never`);
  const cfg: Config = {
    dataDir: resolve(cwd, raw('dataDir')!),
    host: raw('host')!,
    port: port('port', false),
    otlpPort: port('otlpPort', true) || null,
    clickhouseUrl,
    clickhouseUser: raw('clickhouseUser') ?? null,
    clickhousePassword: raw('clickhousePassword') ?? null,
    clickhouseDatabase: raw('clickhouseDatabase')!,
    role: role as Role,
    project,
    firehoseAccessKey: raw('firehoseAccessKey') ?? null,
    retentionDays: retention,
    webDir: raw('webDir') ? resolve(cwd, raw('webDir')!) : null,
    walFsync,
  };
  if (cfg.port === cfg.otlpPort) throw new ConfigError(`--port and --otlp-port are both ${cfg.port}: use two different ports`);
  return cfg;
}

export function wantsHelp(argv: string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}
