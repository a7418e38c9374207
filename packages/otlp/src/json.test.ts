import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeLogs, decodeMetrics, decodeTraces } from './decode.ts';
import { OtlpDecodeError } from './errors.ts';

const enc = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));

function spanRequest(span: Record<string, unknown>, snake = false) {
  return snake
    ? { resource_spans: [{ resource: { attributes: [] }, scope_spans: [{ scope: { name: 's', version: 'v' }, spans: [span] }] }] }
    : { resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: 's', version: 'v' }, spans: [span] }] }] };
}

const ATTRS = [
  { key: 'str', value: { stringValue: 'a' } },
  { key: 'int.s', value: { intValue: '-9223372036854775808' } },
  { key: 'int.n', value: { intValue: 7 } },
  { key: 'dbl', value: { doubleValue: 2.5 } },
  { key: 'nan', value: { doubleValue: 'NaN' } },
  { key: 'inf', value: { doubleValue: '-Infinity' } },
  { key: 'bool', value: { boolValue: true } },
  { key: 'bytes', value: { bytesValue: 'AQID' } },
  { key: 'arr', value: { arrayValue: { values: [{ stringValue: 'x' }, { intValue: '1234567890123456789' }, { doubleValue: 'Infinity' }, {}, { bytesValue: 'AA==' }] } } },
  { key: 'kv', value: { kvlistValue: { values: [{ key: 'k', value: { arrayValue: { values: [{ boolValue: false }] } } }, { key: 'empty' }] } } },
  { key: 'none', value: {} },
  { key: 'missing' },
  { key: '__proto__', value: { stringValue: 'plain key' } },
];

const EXPECTED_ATTRS: Record<string, string> = {
  str: 'a',
  'int.s': '-9223372036854775808',
  'int.n': '7',
  dbl: '2.5',
  nan: 'NaN',
  inf: '-Infinity',
  bool: 'true',
  bytes: 'AQID',
  arr: '["x",1234567890123456789,"Infinity",null,"AA=="]',
  kv: '{"k":[false],"empty":null}',
  none: '',
  missing: '',
};
Object.defineProperty(EXPECTED_ATTRS, '__proto__', { value: 'plain key', enumerable: true, writable: true, configurable: true });

test('JSON: every AnyValue form, ids in any hex case, enum names, numbers for 64-bit values', () => {
  const span = {
    traceId: '0AF7651916CD43DD8448EB211C80319C',
    spanId: 'B7AD6B7169203331',
    name: 'n',
    kind: 'SPAN_KIND_CONSUMER',
    startTimeUnixNano: 1700000000000000000,
    endTimeUnixNano: '1700000000000001000',
    attributes: ATTRS,
    status: { code: 'STATUS_CODE_ERROR', message: 'm' },
  };
  const r = decodeTraces(enc(spanRequest(span)), 'json', { project: 'p' });
  const row = r.rows[0];
  assert.ok(row);
  assert.equal(row.traceId, '0af7651916cd43dd8448eb211c80319c');
  assert.equal(row.spanId, 'b7ad6b7169203331');
  assert.equal(row.kind, 'consumer');
  assert.equal(row.status, 'error');
  assert.equal(row.startNs, '1700000000000000000');
  assert.equal(row.durationNs, 1000);
  assert.deepEqual(row.attributes, EXPECTED_ATTRS);
  assert.equal(Object.getPrototypeOf(row.attributes), Object.prototype, 'a "__proto__" key does not replace the prototype');
});

test('JSON: proto field names (snake_case) are accepted and mean the same', () => {
  const camel = {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    parentSpanId: '00f067aa0ba902b7',
    traceState: 'a=b',
    name: 'n',
    kind: 2,
    startTimeUnixNano: '1',
    endTimeUnixNano: '5',
    attributes: [{ key: 'k', value: { intValue: '1' } }],
    events: [{ timeUnixNano: '2', name: 'e', attributes: [] }],
    links: [{ traceId: '1af7651916cd43dd8448eb211c80319c', spanId: 'a7ad6b7169203331', attributes: [] }],
  };
  const snake = {
    trace_id: camel.traceId,
    span_id: camel.spanId,
    parent_span_id: camel.parentSpanId,
    trace_state: 'a=b',
    name: 'n',
    kind: 2,
    start_time_unix_nano: '1',
    end_time_unix_nano: '5',
    attributes: [{ key: 'k', value: { int_value: '1' } }],
    events: [{ time_unix_nano: '2', name: 'e', attributes: [] }],
    links: [{ trace_id: '1af7651916cd43dd8448eb211c80319c', span_id: 'a7ad6b7169203331', attributes: [] }],
  };
  const a = decodeTraces(enc(spanRequest(camel)), 'json', { project: 'p' });
  const b = decodeTraces(enc(spanRequest(snake, true)), 'json', { project: 'p' });
  assert.equal(a.rows.length, 1);
  assert.deepEqual(a, b);
  assert.equal(a.rows[0]?.parentSpanId, '00f067aa0ba902b7');
  assert.equal(a.rows[0]?.durationNs, 4);
});

test('JSON: logs accept severity names and snake_case', () => {
  const body = {
    resource_logs: [
      {
        scope_logs: [
          {
            log_records: [
              { time_unix_nano: '10', severity_number: 'SEVERITY_NUMBER_WARN', severity_text: 'W', body: { stringValue: 'hi' }, trace_id: '', span_id: '' },
              { timeUnixNano: '11', severityNumber: 99, body: { kvlistValue: { values: [{ key: 'a', value: { intValue: 1 } }] } } },
            ],
          },
        ],
      },
    ],
  };
  const r = decodeLogs(enc(body), 'json', { project: 'p' });
  assert.deepEqual(
    r.rows.map((x) => [x.timeNs, x.severityNumber, x.severityText, x.body, x.traceId]),
    [
      ['10', 13, 'W', 'hi', ''],
      ['11', 0, '', '{"a":1}', ''],
    ],
  );
});

const MALFORMED: [string, string | object][] = [
  ['a syntax error', '{"resourceSpans": ['],
  ['a non-object root', '[1,2]'],
  ['null', 'null'],
  ['resourceSpans not an array', { resourceSpans: { a: 1 } }],
  ['a span that is a string', spanRequest('x' as never)],
  ['a numeric name', spanRequest({ name: 5 })],
  ['a bad intValue', spanRequest({ attributes: [{ key: 'k', value: { intValue: '1.5' } }] })],
  ['an intValue out of range', spanRequest({ attributes: [{ key: 'k', value: { intValue: '9223372036854775808' } }] })],
  ['a time with letters', spanRequest({ startTimeUnixNano: '12x' })],
  ['a negative time', spanRequest({ startTimeUnixNano: -1 })],
  ['a boolean given as a string', spanRequest({ attributes: [{ key: 'k', value: { boolValue: 'true' } }] })],
  ['a kind that is no enum', spanRequest({ kind: 'SERVER' })],
  ['attributes as an object', spanRequest({ attributes: { k: 'v' } })],
];

for (const [what, body] of MALFORMED) {
  test(`JSON: ${what} is a malformed request`, () => {
    assert.throws(() => decodeTraces(enc(body), 'json', { project: 'p' }), OtlpDecodeError);
  });
}

test('JSON: a body that is not UTF-8 is a malformed request', () => {
  assert.throws(() => decodeTraces(Uint8Array.from([0x7b, 0xff, 0x7d]), 'json', { project: 'p' }), /not valid UTF-8/);
  assert.throws(() => decodeMetrics(enc({ resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: 'm', gauge: { dataPoints: [{ timeUnixNano: '1', asDouble: 'abc' }] } }] }] }] }), 'json', { project: 'p' }), OtlpDecodeError);
});

test('JSON: a byte-order mark is ignored', () => {
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc('{"resourceSpans":[]}')]);
  assert.deepEqual(decodeTraces(bytes, 'json', { project: 'p' }).rows, []);
});
