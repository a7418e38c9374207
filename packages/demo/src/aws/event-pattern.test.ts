// EventBridge pattern matching, as a table: each row is a pattern, an event and whether it matches.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidEventPattern, matchesEventPattern, validateEventPattern, type EventPattern } from './event-pattern.ts';

const event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'Order Placed',
  source: 'shop.orders',
  account: '123456789012',
  time: '2024-01-01T00:00:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:dynamodb:us-east-1:123456789012:table/shop-orders'],
  detail: {
    orderId: 'o-123',
    state: 'PLACED',
    total: 42.5,
    items: 3,
    express: true,
    coupon: null,
    customer: { tier: 'gold', email: 'Ann@Example.com', country: 'DE' },
    tags: ['new', 'mobile'],
    lines: [
      { sku: 'sku-1', qty: 1 },
      { sku: 'sku-2', qty: 5 },
    ],
    sourceIp: '10.0.3.17',
    file: 'reports/2024/summary.csv',
  },
};

const rows: [name: string, pattern: EventPattern, matches: boolean][] = [
  // exact values
  ['source equals', { source: ['shop.orders'] }, true],
  ['source differs', { source: ['shop.payments'] }, false],
  ['any of a list', { source: ['shop.payments', 'shop.orders'] }, true],
  ['two fields both match', { source: ['shop.orders'], 'detail-type': ['Order Placed'] }, true],
  ['two fields one fails', { source: ['shop.orders'], 'detail-type': ['Order Shipped'] }, false],
  ['nested exact', { detail: { state: ['PLACED'] } }, true],
  ['deeply nested', { detail: { customer: { tier: ['gold'] } } }, true],
  ['deeply nested fails', { detail: { customer: { tier: ['silver'] } } }, false],
  ['case sensitive', { detail: { state: ['placed'] } }, false],
  ['number equals', { detail: { items: [3] } }, true],
  ['number equals numerically', { detail: { total: [42.50] } }, true],
  ['string does not equal number', { detail: { items: ['3'] } }, false],
  ['boolean', { detail: { express: [true] } }, true],
  ['boolean false', { detail: { express: [false] } }, false],
  ['null matches null', { detail: { coupon: [null] } }, true],
  ['null does not match missing', { detail: { missing: [null] } }, false],
  ['missing field', { detail: { nothing: ['x'] } }, false],
  ['event array: any element', { detail: { tags: ['mobile'] } }, true],
  ['event array: none', { detail: { tags: ['desktop'] } }, false],
  ['resources array', { resources: ['arn:aws:dynamodb:us-east-1:123456789012:table/shop-orders'] }, true],
  ['object value is not a leaf', { detail: { customer: ['gold'] } }, false],
  // arrays of objects
  ['array of objects: one element matches', { detail: { lines: { sku: ['sku-2'] } } }, true],
  ['array of objects: same element for both fields', { detail: { lines: { sku: ['sku-2'], qty: [5] } } }, true],
  ['array of objects: fields from different elements', { detail: { lines: { sku: ['sku-1'], qty: [5] } } }, false],
  // prefix / suffix
  ['prefix', { source: [{ prefix: 'shop.' }] }, true],
  ['prefix fails', { source: [{ prefix: 'aws.' }] }, false],
  ['prefix ignore case', { detail: { customer: { email: [{ prefix: { 'equals-ignore-case': 'ann@' } }] } } }, true],
  ['prefix on a number never matches', { detail: { items: [{ prefix: '3' }] } }, false],
  ['suffix', { detail: { file: [{ suffix: '.csv' }] } }, true],
  ['suffix fails', { detail: { file: [{ suffix: '.png' }] } }, false],
  ['suffix ignore case', { detail: { file: [{ suffix: { 'equals-ignore-case': '.CSV' } }] } }, true],
  // equals-ignore-case
  ['equals-ignore-case', { detail: { customer: { email: [{ 'equals-ignore-case': 'ann@example.COM' }] } } }, true],
  ['equals-ignore-case fails', { detail: { customer: { email: [{ 'equals-ignore-case': 'bob@example.com' }] } } }, false],
  // anything-but
  ['anything-but value (differs)', { detail: { state: [{ 'anything-but': 'CANCELLED' }] } }, true],
  ['anything-but value (same)', { detail: { state: [{ 'anything-but': 'PLACED' }] } }, false],
  ['anything-but list', { detail: { state: [{ 'anything-but': ['CANCELLED', 'PLACED'] }] } }, false],
  ['anything-but list of numbers', { detail: { items: [{ 'anything-but': [1, 2] }] } }, true],
  ['anything-but number (same)', { detail: { items: [{ 'anything-but': 3 }] } }, false],
  ['anything-but prefix', { source: [{ 'anything-but': { prefix: 'aws.' } }] }, true],
  ['anything-but prefix (has it)', { source: [{ 'anything-but': { prefix: 'shop.' } }] }, false],
  ['anything-but suffix', { detail: { file: [{ 'anything-but': { suffix: '.csv' } }] } }, false],
  ['anything-but equals-ignore-case', { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['placed'] } }] } }, false],
  ['anything-but never matches a missing field', { detail: { nothing: [{ 'anything-but': 'x' }] } }, false],
  ['anything-but on an array: some element differs', { detail: { tags: [{ 'anything-but': 'new' }] } }, true],
  // numeric
  ['numeric >', { detail: { total: [{ numeric: ['>', 40] }] } }, true],
  ['numeric range inside', { detail: { total: [{ numeric: ['>=', 42.5, '<', 100] }] } }, true],
  ['numeric range outside', { detail: { total: [{ numeric: ['>', 0, '<=', 42] }] } }, false],
  ['numeric =', { detail: { items: [{ numeric: ['=', 3] }] } }, true],
  ['numeric on a string', { detail: { state: [{ numeric: ['>', 0] }] } }, false],
  ['numeric on a missing field', { detail: { nothing: [{ numeric: ['>', 0] }] } }, false],
  // exists
  ['exists true', { detail: { orderId: [{ exists: true }] } }, true],
  ['exists true (missing)', { detail: { nothing: [{ exists: true }] } }, false],
  ['exists false (missing)', { detail: { nothing: [{ exists: false }] } }, true],
  ['exists false (present)', { detail: { orderId: [{ exists: false }] } }, false],
  ['exists true on null value', { detail: { coupon: [{ exists: true }] } }, true],
  ['exists true on an object (not a leaf)', { detail: { customer: [{ exists: true }] } }, false],
  ['exists false under a missing parent', { detail: { nope: { deeper: [{ exists: false }] } } }, true],
  ['exists true on an array', { detail: { tags: [{ exists: true }] } }, true],
  // wildcard, cidr
  ['wildcard', { detail: { file: [{ wildcard: 'reports/*/summary.csv' }] } }, true],
  ['wildcard fails', { detail: { file: [{ wildcard: 'reports/*/detail.csv' }] } }, false],
  ['cidr inside', { detail: { sourceIp: [{ cidr: '10.0.0.0/16' }] } }, true],
  ['cidr outside', { detail: { sourceIp: [{ cidr: '10.1.0.0/16' }] } }, false],
  // mixed matchers in one list: any of
  ['list: one matcher of several', { detail: { state: ['SHIPPED', { prefix: 'PLA' }] } }, true],
  // $or
  ['$or: second alternative', { source: ['shop.orders'], $or: [{ detail: { state: ['SHIPPED'] } }, { detail: { total: [{ numeric: ['>', 40] }] } }] }, true],
  ['$or: no alternative', { $or: [{ detail: { state: ['SHIPPED'] } }, { source: ['aws.s3'] }] }, false],
  ['$or: other fields still required', { source: ['aws.s3'], $or: [{ detail: { state: ['PLACED'] } }, { detail: { items: [3] } }] }, false],
  ['$or nested in detail', { detail: { $or: [{ state: ['SHIPPED'] }, { express: [true] }] } }, true],
];

describe('matchesEventPattern', () => {
  for (const [name, pattern, expected] of rows) {
    test(`${name} -> ${expected ? 'match' : 'no match'}`, () => {
      validateEventPattern(pattern);
      assert.equal(matchesEventPattern(pattern, event), expected);
    });
  }
});

describe('validateEventPattern rejects invalid patterns', () => {
  const invalid: [string, unknown][] = [
    ['not an object', ['shop.orders']],
    ['a bare string leaf', { source: 'shop.orders' }],
    ['an empty array', { source: [] }],
    ['an empty object', {}],
    ['unknown matcher', { source: [{ contains: 'shop' }] }],
    ['two keys in a matcher', { source: [{ prefix: 'a', suffix: 'b' }] }],
    ['prefix not a string', { source: [{ prefix: 5 }] }],
    ['numeric bad operator', { detail: { n: [{ numeric: ['!=', 3] }] } }],
    ['numeric odd length', { detail: { n: [{ numeric: ['>', 3, '<'] }] } }],
    ['numeric non-number', { detail: { n: [{ numeric: ['>', '3'] }] } }],
    ['exists not boolean', { detail: { n: [{ exists: 'yes' }] } }],
    ['anything-but null', { detail: { n: [{ 'anything-but': null }] } }],
    ['anything-but unknown inner', { detail: { n: [{ 'anything-but': { numeric: ['>', 1] } }] } }],
    ['$or with one option', { $or: [{ source: ['a'] }] }],
    ['$or not an array', { $or: { source: ['a'] } }],
    ['cidr malformed', { detail: { ip: [{ cidr: '10.0.0.0' }] } }],
    ['object inside a leaf list', { source: [{}] }],
  ];
  for (const [name, pattern] of invalid) {
    test(name, () => {
      assert.throws(() => validateEventPattern(pattern), InvalidEventPattern);
    });
  }
});
