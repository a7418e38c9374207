import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, helpText, parseConfig } from './config.ts';

test('defaults: embedded store, loopback, standard ports', () => {
  const c = parseConfig([], {}, '/srv');
  assert.equal(c.dataDir, '/srv/.nightjar/data');
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.port, 8318);
  assert.equal(c.otlpPort, 4318);
  assert.equal(c.clickhouseUrl, null);
  assert.equal(c.role, 'all');
  assert.equal(c.walFsync, 'always');
});

test('--wal-fsync takes always or never', () => {
  assert.equal(parseConfig(['--wal-fsync', 'never'], {}, '/srv').walFsync, 'never');
  assert.equal(parseConfig([], { NIGHTJAR_WAL_FSYNC: 'never' }, '/srv').walFsync, 'never');
  assert.throws(() => parseConfig(['--wal-fsync', 'sometimes'], {}, '/srv'), /--wal-fsync \/ NIGHTJAR_WAL_FSYNC: "sometimes" is not one of always, never/);
  assert.match(helpText(), /--wal-fsync VALUE/);
});

test('flags override environment, which overrides defaults', () => {
  const env = { NIGHTJAR_PORT: '9000', NIGHTJAR_HOST: '0.0.0.0', NIGHTJAR_DATA_DIR: 'from-env' };
  const c = parseConfig(['--port', '9100', '--retention-days', '7'], env, '/srv');
  assert.equal(c.port, 9100);
  assert.equal(c.host, '0.0.0.0');
  assert.equal(c.dataDir, '/srv/from-env');
  assert.equal(c.retentionDays, 7);
});

test('bad settings are named in the message', () => {
  const bad: [string[], Record<string, string>, RegExp][] = [
    [['--port', 'abc'], {}, /--port \/ NIGHTJAR_PORT: "abc" is not a port number/],
    [[], { NIGHTJAR_OTLP_PORT: '70000' }, /--otlp-port \/ NIGHTJAR_OTLP_PORT/],
    [['--role', 'ingest'], {}, /role "ingest" needs a shared ClickHouse server/],
    [['--role', 'boss'], {}, /"boss" is not one of/],
    [['--clickhouse-url', 'not a url'], {}, /--clickhouse-url \/ NIGHTJAR_CLICKHOUSE_URL: "not a url" is not a URL/],
    [['--retention-days', '0'], {}, /--retention-days/],
    [['--port', '4318'], {}, /both 4318/],
    [['--no-such-flag'], {}, /Unknown option '--no-such-flag'/],
  ];
  for (const [argv, env, message] of bad) {
    assert.throws(() => parseConfig(argv, env, '/srv'), (err: unknown) => err instanceof ConfigError && message.test(err.message), `${argv.join(' ')} ${JSON.stringify(env)}`);
  }
});

test('a server URL allows the scaled-out roles', () => {
  const c = parseConfig(['--clickhouse-url', 'http://ch:8123', '--role', 'ingest'], {}, '/srv');
  assert.equal(c.role, 'ingest');
  assert.equal(c.clickhouseUrl, 'http://ch:8123');
});

test('help lists every flag with its environment variable', () => {
  const h = helpText();
  for (const name of ['--data-dir', '--port', '--otlp-port', '--host', '--clickhouse-url', '--role', '--retention-days', 'NIGHTJAR_CLICKHOUSE_URL']) {
    assert.ok(h.includes(name), name);
  }
});
