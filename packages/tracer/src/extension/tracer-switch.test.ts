// The tracer's side of the extension: readConfig points the exporter at the local relay.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EXTENSION_EXPORT_TIMEOUT_MS, EXTENSION_PATH, readConfig } from '../config.ts';

const none = (): boolean => false;

describe('readConfig: spans through the extension', () => {
  it('NIGHTJAR_EXTENSION=true: the endpoint is the relay on 127.0.0.1, with a short timeout', () => {
    const warnings: string[] = [];
    const c = readConfig({ NIGHTJAR_ENDPOINT: 'https://nj.example.com/', NIGHTJAR_EXTENSION: 'true', NIGHTJAR_EXTENSION_PORT: '5000' }, (l) => warnings.push(l), none);
    assert.equal(c.endpoint, 'http://127.0.0.1:5000');
    assert.equal(c.exportTimeoutMs, EXTENSION_EXPORT_TIMEOUT_MS);
    assert.deepEqual(c.extension, { port: 5000, remoteEndpoint: 'https://nj.example.com' });
    assert.deepEqual(warnings, []);
  });

  it('default port 4243; a shorter configured timeout is kept', () => {
    const c = readConfig({ NIGHTJAR_ENDPOINT: 'http://nj', NIGHTJAR_EXTENSION: 'yes', NIGHTJAR_EXPORT_TIMEOUT_MS: '20' }, () => undefined, none);
    assert.equal(c.endpoint, 'http://127.0.0.1:4243');
    assert.equal(c.exportTimeoutMs, 20);
  });

  it('auto-detected in Lambda when /opt/extensions/nightjar exists; not outside Lambda; NIGHTJAR_EXTENSION=false wins', () => {
    const seen: string[] = [];
    const exists = (f: string): boolean => (seen.push(f), true);
    const lambda = { NIGHTJAR_ENDPOINT: 'http://nj', AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9001' };
    assert.equal(readConfig(lambda, () => undefined, exists).endpoint, 'http://127.0.0.1:4243');
    assert.deepEqual(seen, [EXTENSION_PATH]);
    assert.equal(readConfig(lambda, () => undefined, none).endpoint, 'http://nj');
    assert.equal(readConfig({ NIGHTJAR_ENDPOINT: 'http://nj' }, () => undefined, exists).endpoint, 'http://nj');
    assert.equal(readConfig({ ...lambda, NIGHTJAR_EXTENSION: 'false' }, () => undefined, exists).extension, undefined);
  });

  it('without an endpoint tracing stays off; a bad switch value warns and means off', () => {
    assert.equal(readConfig({ NIGHTJAR_EXTENSION: 'true' }, () => undefined, none).endpoint, undefined);
    const warnings: string[] = [];
    const c = readConfig({ NIGHTJAR_ENDPOINT: 'http://nj', NIGHTJAR_EXTENSION: 'maybe' }, (l) => warnings.push(l), none);
    assert.equal(c.endpoint, 'http://nj');
    assert.equal(warnings.length, 1);
  });
});
