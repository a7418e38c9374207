import { test } from 'node:test';
import assert from 'node:assert/strict';
import { severityFromLevel } from './severity.ts';

test('level names and pino numbers to OTLP severity', () => {
  assert.deepEqual(severityFromLevel('INFO'), { text: 'INFO', number: 9 });
  assert.deepEqual(severityFromLevel('warning'), { text: 'WARNING', number: 13 });
  assert.deepEqual(severityFromLevel('CRITICAL'), { text: 'CRITICAL', number: 21 });
  assert.deepEqual(severityFromLevel('TRACE'), { text: 'TRACE', number: 1 });
  assert.deepEqual(severityFromLevel(50), { text: 'ERROR', number: 17 });
  assert.deepEqual(severityFromLevel('VERBOSE'), { text: 'VERBOSE', number: 0 });
  assert.deepEqual(severityFromLevel(null), { text: '', number: 0 });
});
