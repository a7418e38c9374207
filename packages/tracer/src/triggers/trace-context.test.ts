import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAwsTraceHeader, parseTraceparent } from './trace-context.ts';

test('traceparent: valid, sampled flag, invalid versions and zero ids', () => {
  assert.deepEqual(parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00'), { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', sampled: false, format: 'traceparent' });
  assert.equal(parseTraceparent('01-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-03-extra')?.sampled, true);
  assert.equal(parseTraceparent('ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'), undefined);
  assert.equal(parseTraceparent(`00-${'0'.repeat(32)}-00f067aa0ba902b7-01`), undefined);
  assert.equal(parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'), undefined);
  assert.equal(parseTraceparent('garbage'), undefined);
  assert.equal(parseTraceparent(42), undefined);
});

test('X-Ray header: root to a 32-digit trace id, any field order, Lineage ignored', () => {
  assert.deepEqual(parseAwsTraceHeader('Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1'), { traceId: '5759e988bd862e3fe1be46a994272793', spanId: '53995c3f42cd8ad8', sampled: true, format: 'aws-trace-header' });
  assert.equal(parseAwsTraceHeader('Sampled=0;Parent=53995c3f42cd8ad8;Root=1-5759e988-bd862e3fe1be46a994272793;Lineage=a87bd80c:1')?.sampled, false);
  assert.equal(parseAwsTraceHeader('Root=1-5759e988-bd862e3fe1be46a994272793'), undefined, 'no parent: not a usable context');
  assert.equal(parseAwsTraceHeader('Root=2-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8'), undefined);
});
