import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  addNumbers,
  applyUpdate,
  compareNumbers,
  evaluate,
  keyCondition,
  normalizeNumber,
  parseCondition,
  parseProjection,
  parseUpdate,
  Placeholders,
  project,
  validateValue,
  ValidationError,
  type AttributeValue,
  type Item,
} from './dynamodb-expressions.ts';

const ph = (values: Record<string, AttributeValue> = {}, names: Record<string, string> = {}): Placeholders => new Placeholders(names, values);
const cond = (text: string, item: Item | undefined, values: Record<string, AttributeValue> = {}, names: Record<string, string> = {}): boolean =>
  evaluate(parseCondition(text, 'ConditionExpression', ph(values, names)), item);
const update = (text: string, item: Item | undefined, values: Record<string, AttributeValue> = {}, names: Record<string, string> = {}): Item =>
  applyUpdate(item, parseUpdate(text, ph(values, names)), ['pk']).item;

test('numbers: exact decimal arithmetic and numeric order on the wire text', () => {
  assert.equal(addNumbers('0.1', '0.2'), '0.3');
  assert.equal(addNumbers('10', '-10'), '0');
  assert.equal(addNumbers('1.50', '2.5'), '4');
  assert.equal(addNumbers('5', '7', true), '-2');
  assert.equal(addNumbers('99999999999999999999999999999999999998', '1'), '99999999999999999999999999999999999999');
  assert.throws(() => addNumbers('99999999999999999999999999999999999999', '0.1'), /38 significant digits/);
  assert.equal(compareNumbers('10', '9'), 1);
  assert.equal(compareNumbers('1e2', '100.0'), 0);
  assert.equal(compareNumbers('-0.5', '-0.25'), -1);
  assert.equal(normalizeNumber('012.500'), '12.5');
});

test('property: number order agrees with integers; addition is exact', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), (a, b) => {
      assert.equal(compareNumbers(a.toString(), b.toString()), a < b ? -1 : a > b ? 1 : 0);
      assert.equal(addNumbers(a.toString(), b.toString()), (a + b).toString());
    }),
    { numRuns: 200 },
  );
});

test('attribute values are validated as DynamoDB does', () => {
  assert.throws(() => validateValue({}), ValidationError);
  assert.throws(() => validateValue({ S: 'a', N: '1' }), /more than one datatypes/);
  assert.throws(() => validateValue({ N: 'abc' }), /numeric value/);
  assert.throws(() => validateValue({ SS: [] }), /may not be empty/);
  assert.throws(() => validateValue({ SS: ['a', 'a'] }), /duplicates/);
  validateValue({ M: { a: { L: [{ NULL: true }, { BOOL: false }, { B: 'AQI=' }] } } });
});

test('conditions: comparisons, functions, boolean logic, missing attributes', () => {
  const item: Item = { pk: { S: 'p' }, n: { N: '10' }, s: { S: 'hello' }, tags: { SS: ['a', 'b'] }, lst: { L: [{ S: 'x' }, { N: '2' }] }, m: { M: { deep: { N: '1' } } } };
  assert.equal(cond('n > :v', item, { ':v': { N: '9.5' } }), true);
  assert.equal(cond('n < :v', item, { ':v': { N: '9.5' } }), false);
  assert.equal(cond('n = :v', item, { ':v': { N: '10.0' } }), true, 'numbers compare numerically');
  assert.equal(cond('absent <> :v', item, { ':v': { N: '1' } }), true);
  assert.equal(cond('absent = :v', item, { ':v': { N: '1' } }), false);
  assert.equal(cond('n BETWEEN :a AND :b AND s = :s', item, { ':a': { N: '1' }, ':b': { N: '10' }, ':s': { S: 'hello' } }), true);
  assert.equal(cond('n IN (:a, :b)', item, { ':a': { N: '1' }, ':b': { N: '10' } }), true);
  assert.equal(cond('attribute_exists(m.deep) AND attribute_not_exists(m.nothere)', item), true);
  assert.equal(cond('begins_with(s, :p) AND contains(tags, :t) AND contains(s, :sub)', item, { ':p': { S: 'he' }, ':t': { S: 'b' }, ':sub': { S: 'll' } }), true);
  assert.equal(cond('contains(lst, :x)', item, { ':x': { N: '2' } }), true);
  assert.equal(cond('size(s) = :five AND size(tags) < :three', item, { ':five': { N: '5' }, ':three': { N: '3' } }), true);
  assert.equal(cond('attribute_type(n, :t)', item, { ':t': { S: 'N' } }), true);
  assert.equal(cond('NOT (n > :v OR s = :s)', item, { ':v': { N: '100' }, ':s': { S: 'nope' } }), true);
  assert.equal(cond('#l[1] = :two', item, { ':two': { N: '2' } }, { '#l': 'lst' }), true);
  assert.equal(cond('attribute_not_exists(pk)', undefined), true, 'no item: nothing exists');
  assert.equal(cond('s < :n', item, { ':n': { N: '1' } }), false, 'different types do not compare');
});

test('expression errors carry the ValidationException text DynamoDB sends', () => {
  assert.throws(() => parseCondition('status = :v', 'ConditionExpression', ph({ ':v': { S: 'x' } })), /reserved keyword; reserved keyword: status/);
  assert.throws(() => parseCondition('a = :missing', 'ConditionExpression', ph()), /attribute value used in expression is not defined; attribute value: :missing/);
  assert.throws(() => parseCondition('#n = :v', 'ConditionExpression', ph({ ':v': { S: 'x' } })), /attribute name used in the document path is not defined; attribute name: #n/);
  assert.throws(() => parseCondition('a = = :v', 'ConditionExpression', ph({ ':v': { S: 'x' } })), /^ValidationException: Invalid ConditionExpression: Syntax error; token: "="/);
  assert.throws(() => parseUpdate('SET a = :v', ph()), /not defined/);
  assert.throws(() => parseUpdate('SET a = :v SET b = :v', ph({ ':v': { S: 'x' } })), /"SET" section can only be used once/);
  const p = ph({ ':v': { S: 'x' }, ':unused': { S: 'y' } });
  parseCondition('a = :v', 'ConditionExpression', p);
  assert.throws(() => p.checkAllUsed(), /unused in expressions: keys: \{:unused\}/);
});

test('updates: SET arithmetic, if_not_exists, list_append, nested paths, REMOVE, ADD, DELETE', () => {
  const item: Item = { pk: { S: 'p' }, n: { N: '1' }, lst: { L: [{ S: 'a' }, { S: 'b' }, { S: 'c' }] }, m: { M: { x: { N: '1' } } }, tags: { SS: ['a', 'b'] } };
  const v = { ':one': { N: '1' }, ':ten': { N: '10' }, ':more': { L: [{ S: 'd' }] }, ':s': { S: 'new' }, ':tags': { SS: ['b', 'c'] } };
  const out = update('SET n = n + :one, c = if_not_exists(c, :ten), lst = list_append(lst, :more), m.y = :s ADD tags :tags', item, v);
  assert.deepEqual(out.n, { N: '2' });
  assert.deepEqual(out.c, { N: '10' });
  assert.deepEqual(out.lst, { L: [{ S: 'a' }, { S: 'b' }, { S: 'c' }, { S: 'd' }] });
  assert.deepEqual(out.m, { M: { x: { N: '1' }, y: { S: 'new' } } });
  assert.deepEqual(out.tags, { SS: ['a', 'b', 'c'] });
  assert.deepEqual(item.n, { N: '1' }, 'the original item is untouched');

  const removed = update('REMOVE lst[0], lst[2], m.x DELETE tags :gone', item, { ':gone': { SS: ['a', 'b'] } });
  assert.deepEqual(removed.lst, { L: [{ S: 'b' }] }, 'indexes refer to the list before the update');
  assert.deepEqual(removed.m, { M: {} });
  assert.equal(removed.tags, undefined, 'a set emptied by DELETE is removed');

  // every operand reads the item before the update
  assert.deepEqual(update('SET a = n, n = :ten', item, { ':ten': { N: '10' } }).a, { N: '1' });
  // ADD to a missing attribute starts from the value
  assert.deepEqual(update('ADD hits :one', { pk: { S: 'p' } }, { ':one': { N: '1' } }).hits, { N: '1' });

  assert.throws(() => update('SET pk = :s', item, { ':s': { S: 'x' } }), /Cannot update attribute pk. This attribute is part of the key/);
  assert.throws(() => update('SET absent = absent + :one', item, { ':one': { N: '1' } }), /refers to an attribute that does not exist/);
  assert.throws(() => update('SET m = :s, m.x = :s', item, { ':s': { S: 'x' } }), /Two document paths overlap/);
  assert.throws(() => update('SET nope.deep = :s', item, { ':s': { S: 'x' } }), /document path provided in the update expression is invalid/);
  assert.throws(() => update('ADD tags :one', item, { ':one': { N: '1' } }), /incorrect data type/);
});

test('projection keeps the named paths, nested ones inside their parents', () => {
  const item: Item = { a: { S: 'a' }, b: { M: { x: { N: '1' }, y: { N: '2' } } }, l: { L: [{ S: '0' }, { S: '1' }, { S: '2' }] } };
  const paths = parseProjection('a, b.y, l[2], #missing', ph({}, { '#missing': 'zzz' }));
  assert.deepEqual(project(item, paths), { a: { S: 'a' }, b: { M: { y: { N: '2' } } }, l: { L: [{ S: '2' }] } });
});

test('key conditions: hash equality and one sort-key condition', () => {
  const values = { ':p': { S: 'p' }, ':a': { N: '1' }, ':b': { N: '5' }, ':pre': { S: 'x' } };
  const parse = (text: string) => keyCondition(parseCondition(text, 'KeyConditionExpression', ph(values)), 'pk', 'sk');
  assert.deepEqual(parse('pk = :p'), { hash: { S: 'p' } });
  assert.deepEqual(parse('pk = :p AND sk BETWEEN :a AND :b'), { hash: { S: 'p' }, range: { op: 'between', low: { N: '1' }, high: { N: '5' } } });
  assert.deepEqual(parse('begins_with(sk, :pre) AND pk = :p'), { hash: { S: 'p' }, range: { op: 'begins_with', value: { S: 'x' } } });
  assert.deepEqual(parse(':a < sk AND pk = :p'), { hash: { S: 'p' }, range: { op: '>', value: { N: '1' } } });
  assert.throws(() => parse('sk = :a'), /missed key schema element: pk/);
  assert.throws(() => parse('pk = :p OR sk = :a'), /not supported/);
});
