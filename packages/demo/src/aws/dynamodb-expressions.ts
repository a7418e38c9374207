// DynamoDB's expression language, pure: the typed AttributeValue model (numbers as decimal text,
// compared and added exactly), the ConditionExpression / FilterExpression / KeyConditionExpression,
// UpdateExpression and ProjectionExpression grammars with their placeholder (#name, :value)
// substitution, and evaluation against an item. Errors carry DynamoDB's ValidationException text.

export interface AttributeValue {
  S?: string;
  N?: string;
  /** Base64 text, as the JSON wire format carries binary. */
  B?: string;
  BOOL?: boolean;
  NULL?: boolean;
  SS?: string[];
  NS?: string[];
  BS?: string[];
  L?: AttributeValue[];
  M?: Record<string, AttributeValue>;
}
export type Item = Record<string, AttributeValue>;
export type AttributeType = 'S' | 'N' | 'B' | 'BOOL' | 'NULL' | 'SS' | 'NS' | 'BS' | 'L' | 'M';
const TYPES: readonly AttributeType[] = ['S', 'N', 'B', 'BOOL', 'NULL', 'SS', 'NS', 'BS', 'L', 'M'];

/** A request DynamoDB rejects with ValidationException; the message is DynamoDB's. */
export class ValidationError extends Error {
  override readonly name = 'ValidationException';
}

// ---------------------------------------------------------------- numbers

interface Decimal {
  negative: boolean;
  /** Significant digits, no leading or trailing zeros ('' for zero). */
  digits: string;
  /** value = digits × 10^exp */
  exp: number;
}

const NUMBER_TEXT = /^\s*([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/;

function parseDecimal(text: string): Decimal | undefined {
  const m = NUMBER_TEXT.exec(text);
  if (m === null) return undefined;
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  if (int.length + frac.length === 0) return undefined;
  let digits = (int + frac).replace(/^0+/, '');
  let exp = Number(m[4] ?? '0') - frac.length;
  const trimmed = digits.replace(/0+$/, '');
  exp += digits.length - trimmed.length;
  digits = trimmed;
  if (digits.length === 0) return { negative: false, digits: '', exp: 0 };
  return { negative: m[1] === '-', digits, exp };
}

/** A DynamoDB number's text as DynamoDB returns it (no exponent, no superfluous zeros). */
export function normalizeNumber(text: string): string {
  const d = parseDecimal(text);
  return d === undefined ? text : formatDecimal(d);
}

function formatDecimal(d: Decimal): string {
  if (d.digits.length === 0) return '0';
  const sign = d.negative ? '-' : '';
  if (d.exp >= 0) return sign + d.digits + '0'.repeat(d.exp);
  const point = d.digits.length + d.exp;
  if (point > 0) return `${sign}${d.digits.slice(0, point)}.${d.digits.slice(point)}`;
  return `${sign}0.${'0'.repeat(-point)}${d.digits}`;
}

function scaled(d: Decimal, exp: number): bigint {
  if (d.digits.length === 0) return 0n;
  const v = BigInt(d.digits) * 10n ** BigInt(d.exp - exp);
  return d.negative ? -v : v;
}

function decimalOrThrow(text: string): Decimal {
  const d = parseDecimal(text);
  if (d === undefined) throw new ValidationError(`The parameter cannot be converted to a numeric value: ${text}`);
  return d;
}

/** Numeric comparison of two DynamoDB number texts: -1, 0 or 1. */
export function compareNumbers(a: string, b: string): number {
  const x = decimalOrThrow(a);
  const y = decimalOrThrow(b);
  const exp = Math.min(x.exp, y.exp);
  const p = scaled(x, exp);
  const q = scaled(y, exp);
  return p < q ? -1 : p > q ? 1 : 0;
}

/** Exact decimal sum (or difference) of two DynamoDB numbers, in DynamoDB's normal form. */
export function addNumbers(a: string, b: string, subtract = false): string {
  const x = decimalOrThrow(a);
  const y = decimalOrThrow(b);
  const exp = Math.min(x.exp, y.exp);
  const sum = scaled(x, exp) + (subtract ? -scaled(y, exp) : scaled(y, exp));
  const negative = sum < 0n;
  const result = formatDecimal(parseDecimal(`${(negative ? -sum : sum).toString()}e${exp}`) ?? { negative: false, digits: '', exp: 0 });
  const out = negative && result !== '0' ? `-${result}` : result;
  checkNumber(out);
  return out;
}

/** DynamoDB's limits on a number: 38 significant digits, magnitude 1E-130 .. 1E126. */
function checkNumber(text: string): void {
  const d = decimalOrThrow(text);
  if (d.digits.length === 0) return;
  if (d.digits.length > 38) throw new ValidationError('Attempting to store more than 38 significant digits in a Number');
  const magnitude = d.digits.length + d.exp; // 10^(magnitude-1) <= |v| < 10^magnitude
  if (magnitude > 126) throw new ValidationError('Number overflow. Attempting to store a number with magnitude larger than supported range');
  if (magnitude < -129) throw new ValidationError('Number underflow. Attempting to store a number with magnitude smaller than supported range');
}

// ---------------------------------------------------------------- attribute values

/** The type of a typed attribute value (its single key), or undefined when it is not one. */
export function typeOf(av: AttributeValue | undefined): AttributeType | undefined {
  if (typeof av !== 'object' || av === null) return undefined;
  for (const t of TYPES) if ((av as Record<string, unknown>)[t] !== undefined) return t;
  return undefined;
}

const TYPE_NAMES: Record<string, string> = { SS: 'string set', NS: 'number set', BS: 'binary set' };
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Checks an attribute value from a request the way DynamoDB does (throws ValidationError). */
export function validateValue(av: unknown): asserts av is AttributeValue {
  if (typeof av !== 'object' || av === null || Array.isArray(av)) throw new ValidationError('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  const keys = Object.keys(av).filter((k) => (av as Record<string, unknown>)[k] !== undefined && (av as Record<string, unknown>)[k] !== null);
  if (keys.length !== 1 || !TYPES.includes(keys[0] as AttributeType)) {
    throw new ValidationError(
      keys.length === 0 ? 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes' : 'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes',
    );
  }
  const t = keys[0] as AttributeType;
  const v: unknown = (av as Record<string, unknown>)[t];
  const bad = (): never => {
    throw new ValidationError(`Supplied AttributeValue is not valid for type ${t}`);
  };
  switch (t) {
    case 'S':
      if (typeof v !== 'string') bad();
      return;
    case 'N':
      if (typeof v !== 'string') bad();
      checkNumber(v as string);
      return;
    case 'B':
      if (typeof v !== 'string' || !BASE64.test(v)) bad();
      return;
    case 'BOOL':
      if (typeof v !== 'boolean') bad();
      return;
    case 'NULL':
      if (v !== true) throw new ValidationError('One or more parameter values were invalid: Null attribute value types must have the value of true');
      return;
    case 'SS':
    case 'NS':
    case 'BS': {
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) return bad();
      if (v.length === 0) throw new ValidationError(`One or more parameter values were invalid: An ${TYPE_NAMES[t] ?? t} may not be empty`);
      if (t === 'NS') for (const n of v as string[]) checkNumber(n);
      const seen = new Set((v as string[]).map((x) => (t === 'NS' ? normalizeNumber(x) : x)));
      if (seen.size !== v.length) throw new ValidationError(`One or more parameter values were invalid: Input collection [${(v as string[]).join(', ')}] contains duplicates.`);
      return;
    }
    case 'L':
      if (!Array.isArray(v)) return bad();
      for (const x of v) validateValue(x);
      return;
    case 'M':
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return bad();
      for (const x of Object.values(v)) validateValue(x);
      return;
  }
}

/** Checks every attribute of an item (or key, or value map). */
export function validateItem(item: unknown, what = 'Item'): asserts item is Item {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new ValidationError(`One or more parameter values were invalid: ${what} must be a map`);
  for (const [name, av] of Object.entries(item)) {
    if (name.length === 0) throw new ValidationError('One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeName cannot be empty.');
    validateValue(av);
  }
}

/** Canonical text of a value: numbers normalised, set members sorted, map keys sorted. */
export function canonical(av: AttributeValue | undefined): string {
  const t = typeOf(av);
  if (av === undefined || t === undefined) return 'undefined';
  switch (t) {
    case 'N':
      return `{"N":${JSON.stringify(normalizeNumber(av.N ?? ''))}}`;
    case 'SS':
    case 'BS':
      return `{"${t}":${JSON.stringify([...(av[t] ?? [])].sort())}}`;
    case 'NS':
      return `{"NS":${JSON.stringify((av.NS ?? []).map(normalizeNumber).sort())}}`;
    case 'L':
      return `{"L":[${(av.L ?? []).map(canonical).join(',')}]}`;
    case 'M':
      return `{"M":${canonicalItem(av.M ?? {})}}`;
    default:
      return JSON.stringify({ [t]: av[t] });
  }
}

export function canonicalItem(item: Item): string {
  return `{${Object.keys(item)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(item[k])}`)
    .join(',')}}`;
}

export const valuesEqual = (a: AttributeValue | undefined, b: AttributeValue | undefined): boolean => canonical(a) === canonical(b);

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

/**
 * Order of two scalar values of the same type (S by UTF-8 bytes, N numerically, B by bytes);
 * undefined when they are not comparable.
 */
export function compareValues(a: AttributeValue | undefined, b: AttributeValue | undefined): number | undefined {
  const t = typeOf(a);
  if (t === undefined || t !== typeOf(b) || a === undefined || b === undefined) return undefined;
  if (t === 'S') return Buffer.compare(utf8(a.S ?? ''), utf8(b.S ?? ''));
  if (t === 'N') return compareNumbers(a.N ?? '0', b.N ?? '0');
  if (t === 'B') return Buffer.compare(Buffer.from(a.B ?? '', 'base64'), Buffer.from(b.B ?? '', 'base64'));
  return undefined;
}

/** DynamoDB's item size accounting (attribute names plus values), in bytes. */
export function valueSize(av: AttributeValue): number {
  switch (typeOf(av)) {
    case 'S':
      return utf8(av.S ?? '').length;
    case 'N':
      return numberSize(av.N ?? '0');
    case 'B':
      return Buffer.from(av.B ?? '', 'base64').length;
    case 'BOOL':
    case 'NULL':
      return 1;
    case 'SS':
      return (av.SS ?? []).reduce((n, s) => n + utf8(s).length, 0);
    case 'NS':
      return (av.NS ?? []).reduce((n, s) => n + numberSize(s), 0);
    case 'BS':
      return (av.BS ?? []).reduce((n, s) => n + Buffer.from(s, 'base64').length, 0);
    case 'L':
      return 3 + (av.L ?? []).reduce((n, x) => n + 1 + valueSize(x), 0);
    case 'M':
      return 3 + Object.entries(av.M ?? {}).reduce((n, [k, x]) => n + 1 + utf8(k).length + valueSize(x), 0);
    default:
      return 0;
  }
}

function numberSize(text: string): number {
  const d = parseDecimal(text);
  return d === undefined ? 1 : Math.ceil(Math.max(d.digits.length, 1) / 2) + 1;
}

export function itemSize(item: Item): number {
  return Object.entries(item).reduce((n, [k, v]) => n + utf8(k).length + valueSize(v), 0);
}

// ---------------------------------------------------------------- document paths

/** A document path: attribute names and list indexes. */
export type Path = (string | number)[];

export function pathText(p: Path): string {
  return p.map((e, i) => (typeof e === 'number' ? `[${e}]` : i === 0 ? e : `.${e}`)).join('');
}

/** The value at a document path, or undefined. */
export function valueAt(item: Item | undefined, path: Path): AttributeValue | undefined {
  if (item === undefined) return undefined;
  const [first, ...rest] = path;
  if (typeof first !== 'string') return undefined;
  let cur: AttributeValue | undefined = item[first];
  for (const e of rest) {
    if (cur === undefined) return undefined;
    if (typeof e === 'number') cur = cur.L?.[e];
    else cur = cur.M !== undefined && Object.prototype.hasOwnProperty.call(cur.M, e) ? cur.M[e] : undefined;
  }
  return cur;
}

// ---------------------------------------------------------------- tokens

type TokenKind = 'name' | 'attr' | 'value' | 'number' | 'op' | 'eof';
interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
}

const OPS = ['<>', '<=', '>=', '=', '<', '>', '(', ')', ',', '.', '[', ']', '+', '-'];

export type ExpressionKind = 'ConditionExpression' | 'FilterExpression' | 'KeyConditionExpression' | 'UpdateExpression' | 'ProjectionExpression';

function tokenize(text: string, kind: ExpressionKind): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = text.slice(i);
    const m = /^#[A-Za-z0-9_]+/.exec(rest) ?? /^:[A-Za-z0-9_]+/.exec(rest) ?? /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest) ?? /^\d+/.exec(rest);
    if (m !== null) {
      const t = m[0];
      out.push({ kind: t.startsWith('#') ? 'attr' : t.startsWith(':') ? 'value' : /^\d/.test(t) ? 'number' : 'name', text: t, pos: i });
      i += t.length;
      continue;
    }
    const op = OPS.find((o) => rest.startsWith(o));
    if (op === undefined) throw new ValidationError(`Invalid ${kind}: Invalid character encountered; character: "${c}"`);
    out.push({ kind: 'op', text: op, pos: i });
    i += op.length;
  }
  out.push({ kind: 'eof', text: '<EOF>', pos: text.length });
  return out;
}

// ---------------------------------------------------------------- placeholders

/** The ExpressionAttributeNames / Values of one request, and which of them its expressions used. */
export class Placeholders {
  readonly usedNames = new Set<string>();
  readonly usedValues = new Set<string>();
  constructor(
    readonly names: Record<string, string> = {},
    readonly values: Record<string, AttributeValue> = {},
  ) {}

  name(token: string, kind: ExpressionKind): string {
    const n = this.names[token];
    if (n === undefined) throw new ValidationError(`Invalid ${kind}: An expression attribute name used in the document path is not defined; attribute name: ${token}`);
    this.usedNames.add(token);
    return n;
  }

  value(token: string, kind: ExpressionKind): AttributeValue {
    const v = this.values[token];
    if (v === undefined) throw new ValidationError(`Invalid ${kind}: An expression attribute value used in expression is not defined; attribute value: ${token}`);
    this.usedValues.add(token);
    return v;
  }

  /** DynamoDB rejects placeholders the expressions do not use. */
  checkAllUsed(): void {
    const unusedNames = Object.keys(this.names).filter((k) => !this.usedNames.has(k));
    if (unusedNames.length > 0) throw new ValidationError(`Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(', ')}}`);
    const unusedValues = Object.keys(this.values).filter((k) => !this.usedValues.has(k));
    if (unusedValues.length > 0) throw new ValidationError(`Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(', ')}}`);
  }
}

// ---------------------------------------------------------------- AST

export type Operand =
  | { kind: 'path'; path: Path }
  | { kind: 'value'; value: AttributeValue; token: string }
  | { kind: 'size'; path: Path }
  | { kind: 'if_not_exists'; path: Path; fallback: Operand }
  | { kind: 'list_append'; a: Operand; b: Operand }
  | { kind: 'arith'; op: '+' | '-'; a: Operand; b: Operand };

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { kind: 'and' | 'or'; a: Condition; b: Condition }
  | { kind: 'not'; a: Condition }
  | { kind: 'compare'; op: Comparator; a: Operand; b: Operand }
  | { kind: 'between'; a: Operand; low: Operand; high: Operand }
  | { kind: 'in'; a: Operand; list: Operand[] }
  | { kind: 'function'; name: 'attribute_exists' | 'attribute_not_exists' | 'attribute_type' | 'begins_with' | 'contains'; args: Operand[] };

export type UpdateAction =
  | { kind: 'SET'; path: Path; value: Operand }
  | { kind: 'REMOVE'; path: Path }
  | { kind: 'ADD' | 'DELETE'; path: Path; value: AttributeValue; token: string };

const CONDITION_FUNCTIONS = new Set(['attribute_exists', 'attribute_not_exists', 'attribute_type', 'begins_with', 'contains']);
const COMPARATORS = new Set(['=', '<>', '<', '<=', '>', '>=']);
const CLAUSES = new Set(['SET', 'REMOVE', 'ADD', 'DELETE']);

const RESERVED = new Set(`
ABORT ABSOLUTE ACTION ADD AFTER AGENT AGGREGATE ALL ALLOCATE ALTER ANALYZE AND ANY ARCHIVE ARE ARRAY AS ASC ASCII ASENSITIVE ASSERTION ASYMMETRIC AT
ATOMIC ATTACH ATTRIBUTE AUTH AUTHORIZATION AUTHORIZE AUTO AVG BACK BACKUP BASE BATCH BEFORE BEGIN BETWEEN BIGINT BINARY BIT BLOB BLOCK BOOLEAN BOTH
BREADTH BUCKET BULK BY BYTE CALL CALLED CALLING CAPACITY CASCADE CASCADED CASE CAST CATALOG CHAR CHARACTER CHECK CLASS CLOB CLOSE CLUSTER CLUSTERED
CLUSTERING CLUSTERS COALESCE COLLATE COLLATION COLLECTION COLUMN COLUMNS COMBINE COMMENT COMMIT COMPACT COMPILE COMPRESS CONDITION CONFLICT CONNECT
CONNECTION CONSISTENCY CONSISTENT CONSTRAINT CONSTRAINTS CONSTRUCTOR CONSUMED CONTINUE CONVERT COPY CORRESPONDING COUNT COUNTER CREATE CROSS CUBE
CURRENT CURSOR CYCLE DATA DATABASE DATE DATETIME DAY DEALLOCATE DEC DECIMAL DECLARE DEFAULT DEFERRABLE DEFERRED DEFINE DEFINED DEFINITION DELETE
DELIMITED DEPTH DEREF DESC DESCRIBE DESCRIPTOR DETACH DETERMINISTIC DIAGNOSTICS DIRECTORIES DISABLE DISCONNECT DISTINCT DISTRIBUTE DO DOMAIN DOUBLE
DROP DUMP DURATION DYNAMIC EACH ELEMENT ELSE ELSEIF EMPTY ENABLE END EQUAL EQUALS ERROR ESCAPE ESCAPED EVAL EVALUATE EXCEEDED EXCEPT EXCEPTION
EXCEPTIONS EXCLUSIVE EXEC EXECUTE EXISTS EXIT EXPLAIN EXPLODE EXPORT EXPRESSION EXTENDED EXTERNAL EXTRACT FAIL FALSE FAMILY FETCH FIELDS FILE FILTER
FILTERING FINAL FINISH FIRST FIXED FLATTERN FLOAT FOR FORCE FOREIGN FORMAT FORWARD FOUND FREE FROM FULL FUNCTION FUNCTIONS GENERAL GENERATE GET GLOB
GLOBAL GO GOTO GRANT GREATER GROUP GROUPING HANDLER HASH HAVE HAVING HEAP HIDDEN HOLD HOUR IDENTIFIED IDENTITY IF IGNORE IMMEDIATE IMPORT IN
INCLUDING INCLUSIVE INCREMENT INCREMENTAL INDEX INDEXED INDEXES INDICATOR INFINITE INITIALLY INLINE INNER INNTER INOUT INPUT INSENSITIVE INSERT
INSTEAD INT INTEGER INTERSECT INTERVAL INTO INVALIDATE IS ISOLATION ITEM ITEMS ITERATE JOIN KEY KEYS LAG LANGUAGE LARGE LAST LATERAL LEAD LEADING
LEAVE LEFT LENGTH LESS LEVEL LIKE LIMIT LIMITED LINES LIST LOAD LOCAL LOCALTIME LOCALTIMESTAMP LOCATION LOCATOR LOCK LOCKS LOG LOGED LONG LOOP LOWER
MAP MATCH MATERIALIZED MAX MAXLEN MEMBER MERGE METHOD METRICS MIN MINUS MINUTE MISSING MOD MODE MODIFIES MODIFY MODULE MONTH MULTI MULTISET NAME
NAMES NATIONAL NATURAL NCHAR NCLOB NEW NEXT NO NONE NOT NULL NULLIF NUMBER NUMERIC OBJECT OF OFFLINE OFFSET OLD ON ONLINE ONLY OPAQUE OPEN OPERATOR
OPTION OR ORDER ORDINALITY OTHER OTHERS OUT OUTER OUTPUT OVER OVERLAPS OVERRIDE OWNER PAD PARALLEL PARAMETER PARAMETERS PARTIAL PARTITION PARTITIONED
PARTITIONS PATH PERCENT PERCENTILE PERMISSION PERMISSIONS PIPE PIPELINED PLAN POOL POSITION PRECISION PREPARE PRESERVE PRIMARY PRIOR PRIVATE
PRIVILEGES PROCEDURE PROCESSED PROJECT PROJECTION PROPERTY PROVISIONING PUBLIC PUT QUERY QUIT QUORUM RAISE RANDOM RANGE RANK RAW READ READS REAL
REBUILD RECORD RECURSIVE REDUCE REF REFERENCE REFERENCES REFERENCING REGEXP REGION REINDEX RELATIVE RELEASE REMAINDER RENAME REPEAT REPLACE REQUEST
RESET RESIGNAL RESOURCE RESPONSE RESTORE RESTRICT RESULT RETURN RETURNING RETURNS REVERSE REVOKE RIGHT ROLE ROLES ROLLBACK ROLLUP ROUTINE ROW ROWS
RULE RULES SAMPLE SATISFIES SAVE SAVEPOINT SCAN SCHEMA SCOPE SCROLL SEARCH SECOND SECTION SEGMENT SEGMENTS SELECT SELF SEMI SENSITIVE SEPARATE
SEQUENCE SERIALIZABLE SESSION SET SETS SHARD SHARE SHARED SHORT SHOW SIGNAL SIMILAR SIZE SKEWED SMALLINT SNAPSHOT SOME SOURCE SPACE SPACES SPARSE
SPECIFIC SPECIFICTYPE SPLIT SQL SQLCODE SQLERROR SQLEXCEPTION SQLSTATE SQLWARNING START STATE STATIC STATUS STORAGE STORE STORED STREAM STRING STRUCT
STYLE SUB SUBMULTISET SUBPARTITION SUBSTRING SUBTYPE SUM SUPER SYMMETRIC SYNONYM SYSTEM TABLE TABLESAMPLE TEMP TEMPORARY TERMINATED TEXT THAN THEN
THROUGHPUT TIME TIMESTAMP TIMEZONE TINYINT TO TOKEN TOTAL TOUCH TRAILING TRANSACTION TRANSFORM TRANSLATE TRANSLATION TREAT TRIGGER TRIM TRUE TRUNCATE
TTL TUPLE TYPE UNDER UNDO UNION UNIQUE UNIT UNKNOWN UNLOGGED UNNEST UNPROCESSED UNSIGNED UNTIL UPDATE UPPER URL USAGE USE USER USERS USING UUID
VACUUM VALUE VALUED VALUES VARCHAR VARIABLE VARIANCE VARINT VARYING VIEW VIEWS VIRTUAL VOID WAIT WHEN WHENEVER WHERE WHILE WINDOW WITH WITHIN WITHOUT
WORK WRAPPED WRITE YEAR ZONE
`.trim().split(/\s+/));

// ---------------------------------------------------------------- parser

class Parser {
  private readonly tokens: Token[];
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly kind: ExpressionKind,
    private readonly ph: Placeholders,
  ) {
    this.tokens = tokenize(text, kind);
  }

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)] as Token;
  }

  next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }

  isOp(t: Token, op: string): boolean {
    return t.kind === 'op' && t.text === op;
  }

  isWord(t: Token, word: string): boolean {
    return t.kind === 'name' && t.text.toUpperCase() === word;
  }

  fail(message: string): never {
    throw new ValidationError(`Invalid ${this.kind}: ${message}`);
  }

  syntax(t: Token): never {
    const index = this.tokens.indexOf(t);
    const prev = index > 0 ? this.tokens[index - 1] : undefined;
    const near = t.kind === 'eof' ? (prev?.text ?? '') : this.text.slice(prev?.pos ?? t.pos, t.pos + t.text.length);
    this.fail(`Syntax error; token: "${t.text}", near: "${near}"`);
  }

  expectOp(op: string): void {
    const t = this.next();
    if (!this.isOp(t, op)) this.syntax(t);
  }

  end(): void {
    const t = this.peek();
    if (t.kind !== 'eof') this.syntax(t);
  }

  element(): string {
    const t = this.next();
    if (t.kind === 'attr') return this.ph.name(t.text, this.kind);
    if (t.kind === 'name') {
      if (RESERVED.has(t.text.toUpperCase())) this.fail(`Attribute name is a reserved keyword; reserved keyword: ${t.text}`);
      return t.text;
    }
    return this.syntax(t);
  }

  path(): Path {
    const p: Path = [this.element()];
    for (;;) {
      const t = this.peek();
      if (this.isOp(t, '.')) {
        this.next();
        p.push(this.element());
      } else if (this.isOp(t, '[')) {
        this.next();
        const n = this.next();
        if (n.kind !== 'number') this.syntax(n);
        this.expectOp(']');
        p.push(Number(n.text));
      } else {
        return p;
      }
    }
  }

  operand(update: boolean): Operand {
    const t = this.peek();
    if (t.kind === 'value') {
      this.next();
      return { kind: 'value', value: this.ph.value(t.text, this.kind), token: t.text };
    }
    if (t.kind === 'name' && this.isOp(this.peek(1), '(')) {
      const fn = t.text;
      const allowed = update ? fn === 'if_not_exists' || fn === 'list_append' : fn === 'size';
      if (!allowed) {
        if (CONDITION_FUNCTIONS.has(fn) || ['size', 'if_not_exists', 'list_append'].includes(fn)) this.fail(`The function is not allowed to be used this way in an expression; function: ${fn}`);
        this.fail(`Invalid function name; function: ${fn}`);
      }
      this.next();
      this.next();
      let out: Operand;
      if (fn === 'size') out = { kind: 'size', path: this.path() };
      else if (fn === 'if_not_exists') {
        const path = this.path();
        this.expectOp(',');
        out = { kind: 'if_not_exists', path, fallback: this.operand(true) };
      } else {
        const a = this.operand(true);
        this.expectOp(',');
        out = { kind: 'list_append', a, b: this.operand(true) };
      }
      this.expectOp(')');
      return out;
    }
    return { kind: 'path', path: this.path() };
  }

  condition(): Condition {
    let a = this.conjunction();
    while (this.isWord(this.peek(), 'OR')) {
      this.next();
      a = { kind: 'or', a, b: this.conjunction() };
    }
    return a;
  }

  conjunction(): Condition {
    let a = this.negation();
    while (this.isWord(this.peek(), 'AND')) {
      this.next();
      a = { kind: 'and', a, b: this.negation() };
    }
    return a;
  }

  negation(): Condition {
    if (this.isWord(this.peek(), 'NOT')) {
      this.next();
      return { kind: 'not', a: this.negation() };
    }
    return this.primary();
  }

  primary(): Condition {
    const t = this.peek();
    if (this.isOp(t, '(')) {
      this.next();
      const c = this.condition();
      this.expectOp(')');
      return c;
    }
    if (t.kind === 'name' && this.isOp(this.peek(1), '(') && CONDITION_FUNCTIONS.has(t.text)) return this.conditionFunction();
    const a = this.operand(false);
    const op = this.peek();
    if (op.kind === 'op' && COMPARATORS.has(op.text)) {
      this.next();
      return { kind: 'compare', op: op.text as Comparator, a, b: this.operand(false) };
    }
    if (this.isWord(op, 'BETWEEN')) {
      this.next();
      const low = this.operand(false);
      const and = this.next();
      if (!this.isWord(and, 'AND')) this.syntax(and);
      const high = this.operand(false);
      if (low.kind === 'value' && high.kind === 'value' && (compareValues(low.value, high.value) ?? 0) > 0) {
        this.fail(`The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: ${JSON.stringify(low.value)}, upper bound operand: AttributeValue: ${JSON.stringify(high.value)}`);
      }
      return { kind: 'between', a, low, high };
    }
    if (this.isWord(op, 'IN')) {
      this.next();
      this.expectOp('(');
      const list = [this.operand(false)];
      while (this.isOp(this.peek(), ',')) {
        this.next();
        list.push(this.operand(false));
      }
      this.expectOp(')');
      return { kind: 'in', a, list };
    }
    return this.syntax(op);
  }

  conditionFunction(): Condition {
    const name = this.next().text as Extract<Condition, { kind: 'function' }>['name'];
    this.next();
    const args = [this.operand(false)];
    while (this.isOp(this.peek(), ',')) {
      this.next();
      args.push(this.operand(false));
    }
    this.expectOp(')');
    const arity = name === 'attribute_exists' || name === 'attribute_not_exists' ? 1 : 2;
    if (args.length !== arity) this.fail(`Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${args.length}`);
    if (args[0]?.kind !== 'path') this.fail(`Operator or function requires a document path; operator or function: ${name}`);
    if (name === 'attribute_type') {
      const t = args[1]?.kind === 'value' ? args[1].value.S : undefined;
      if (t === undefined || !TYPES.includes(t as AttributeType)) {
        this.fail(`Invalid attribute type name found; type: ${t ?? JSON.stringify(args[1])}, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}`);
      }
    }
    if (name === 'begins_with' && args[1]?.kind === 'value') {
      const t = typeOf(args[1].value);
      if (t !== 'S' && t !== 'B') this.fail(`Incorrect operand type for operator or function; operator or function: begins_with, operand type: ${t ?? ''}`);
    }
    return { kind: 'function', name, args };
  }

  update(): UpdateAction[] {
    const actions: UpdateAction[] = [];
    const seen = new Set<string>();
    if (this.peek().kind === 'eof') this.syntax(this.peek());
    while (this.peek().kind !== 'eof') {
      const t = this.next();
      const clause = t.kind === 'name' ? t.text.toUpperCase() : '';
      if (!CLAUSES.has(clause)) this.syntax(t);
      if (seen.has(clause)) this.fail(`The "${clause}" section can only be used once in an update expression;`);
      seen.add(clause);
      for (;;) {
        const path = this.path();
        if (clause === 'SET') {
          this.expectOp('=');
          let value = this.operand(true);
          const op = this.peek();
          if (this.isOp(op, '+') || this.isOp(op, '-')) {
            this.next();
            value = { kind: 'arith', op: op.text as '+' | '-', a: value, b: this.operand(true) };
          }
          actions.push({ kind: 'SET', path, value });
        } else if (clause === 'REMOVE') {
          actions.push({ kind: 'REMOVE', path });
        } else {
          const v = this.next();
          if (v.kind !== 'value') this.syntax(v);
          actions.push({ kind: clause as 'ADD' | 'DELETE', path, value: this.ph.value(v.text, this.kind), token: v.text });
        }
        if (!this.isOp(this.peek(), ',')) break;
        this.next();
      }
    }
    return actions;
  }

  projection(): Path[] {
    const paths = [this.path()];
    while (this.isOp(this.peek(), ',')) {
      this.next();
      paths.push(this.path());
    }
    this.end();
    return paths;
  }
}

/** Parses a ConditionExpression, FilterExpression or KeyConditionExpression. */
export function parseCondition(text: string, kind: 'ConditionExpression' | 'FilterExpression' | 'KeyConditionExpression', ph: Placeholders): Condition {
  if (text.trim().length === 0) throw new ValidationError(`Invalid ${kind}: The expression can not be empty;`);
  const p = new Parser(text, kind, ph);
  const c = p.condition();
  p.end();
  return c;
}

export function parseUpdate(text: string, ph: Placeholders): UpdateAction[] {
  if (text.trim().length === 0) throw new ValidationError('Invalid UpdateExpression: The expression can not be empty;');
  return new Parser(text, 'UpdateExpression', ph).update();
}

export function parseProjection(text: string, ph: Placeholders): Path[] {
  if (text.trim().length === 0) throw new ValidationError('Invalid ProjectionExpression: The expression can not be empty;');
  return new Parser(text, 'ProjectionExpression', ph).projection();
}

// ---------------------------------------------------------------- conditions

function sizeOf(av: AttributeValue | undefined): AttributeValue | undefined {
  switch (typeOf(av)) {
    case 'S':
      return { N: String([...(av?.S ?? '')].length) };
    case 'B':
      return { N: String(Buffer.from(av?.B ?? '', 'base64').length) };
    case 'SS':
    case 'NS':
    case 'BS':
    case 'L':
      return { N: String((av?.SS ?? av?.NS ?? av?.BS ?? av?.L ?? []).length) };
    case 'M':
      return { N: String(Object.keys(av?.M ?? {}).length) };
    default:
      return undefined;
  }
}

function conditionOperand(o: Operand, item: Item | undefined): AttributeValue | undefined {
  switch (o.kind) {
    case 'path':
      return valueAt(item, o.path);
    case 'value':
      return o.value;
    case 'size':
      return sizeOf(valueAt(item, o.path));
    default:
      return undefined;
  }
}

/** Whether an item (undefined: no item) satisfies a condition. */
export function evaluate(c: Condition, item: Item | undefined): boolean {
  switch (c.kind) {
    case 'and':
      return evaluate(c.a, item) && evaluate(c.b, item);
    case 'or':
      return evaluate(c.a, item) || evaluate(c.b, item);
    case 'not':
      return !evaluate(c.a, item);
    case 'compare': {
      const a = conditionOperand(c.a, item);
      const b = conditionOperand(c.b, item);
      if (c.op === '=') return a !== undefined && b !== undefined && valuesEqual(a, b);
      if (c.op === '<>') return a === undefined || b === undefined || !valuesEqual(a, b);
      const cmp = compareValues(a, b);
      if (cmp === undefined) return false;
      return c.op === '<' ? cmp < 0 : c.op === '<=' ? cmp <= 0 : c.op === '>' ? cmp > 0 : cmp >= 0;
    }
    case 'between': {
      const a = conditionOperand(c.a, item);
      const lo = compareValues(a, conditionOperand(c.low, item));
      const hi = compareValues(a, conditionOperand(c.high, item));
      return lo !== undefined && hi !== undefined && lo >= 0 && hi <= 0;
    }
    case 'in': {
      const a = conditionOperand(c.a, item);
      return a !== undefined && c.list.some((o) => valuesEqual(a, conditionOperand(o, item)));
    }
    case 'function':
      return conditionFunction(c, item);
  }
}

function conditionFunction(c: Extract<Condition, { kind: 'function' }>, item: Item | undefined): boolean {
  const [first, second] = c.args;
  const a = first === undefined ? undefined : conditionOperand(first, item);
  const b = second === undefined ? undefined : conditionOperand(second, item);
  switch (c.name) {
    case 'attribute_exists':
      return a !== undefined;
    case 'attribute_not_exists':
      return a === undefined;
    case 'attribute_type':
      return a !== undefined && typeOf(a) === b?.S;
    case 'begins_with': {
      if (a?.S !== undefined && b?.S !== undefined) return a.S.startsWith(b.S);
      if (a?.B !== undefined && b?.B !== undefined) {
        const x = Buffer.from(a.B, 'base64');
        const y = Buffer.from(b.B, 'base64');
        return x.length >= y.length && x.subarray(0, y.length).equals(y);
      }
      return false;
    }
    case 'contains': {
      if (a === undefined || b === undefined) return false;
      if (a.S !== undefined) return b.S !== undefined && a.S.includes(b.S);
      if (a.SS !== undefined) return b.S !== undefined && a.SS.includes(b.S);
      if (a.NS !== undefined) return b.N !== undefined && a.NS.some((n) => compareNumbers(n, b.N as string) === 0);
      if (a.BS !== undefined) return b.B !== undefined && a.BS.some((x) => Buffer.from(x, 'base64').equals(Buffer.from(b.B as string, 'base64')));
      if (a.L !== undefined) return a.L.some((x) => valuesEqual(x, b));
      return false;
    }
  }
}

// ---------------------------------------------------------------- key conditions

export type RangeCondition =
  | { op: Comparator | 'begins_with'; value: AttributeValue }
  | { op: 'between'; low: AttributeValue; high: AttributeValue };

export interface KeyCondition {
  hash: AttributeValue;
  range?: RangeCondition;
}

const FLIPPED: Record<string, Comparator> = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** The partition value and sort-key condition of a Query's KeyConditionExpression. */
export function keyCondition(c: Condition, hashKey: string, rangeKey: string | undefined): KeyCondition {
  const parts = c.kind === 'and' ? [c.a, c.b] : [c];
  let hash: AttributeValue | undefined;
  let range: RangeCondition | undefined;
  const unsupported = (): never => {
    throw new ValidationError('Query key condition not supported');
  };
  const isKey = (o: Operand | undefined, name: string | undefined): boolean => o?.kind === 'path' && o.path.length === 1 && o.path[0] === name;
  for (const part of parts) {
    if (part.kind === 'compare') {
      let { a, b } = part;
      let op: Comparator = part.op;
      if (a.kind === 'value' && b.kind === 'path') {
        [a, b] = [b, a];
        op = FLIPPED[op] ?? unsupported();
      }
      if (b.kind !== 'value' || a.kind !== 'path' || op === '<>') return unsupported();
      if (isKey(a, hashKey)) {
        if (op !== '=' || hash !== undefined) return unsupported();
        hash = b.value;
      } else if (isKey(a, rangeKey)) {
        if (range !== undefined) return unsupported();
        range = { op, value: b.value };
      } else {
        throw new ValidationError(`Query condition missed key schema element: ${hashKey}`);
      }
    } else if (part.kind === 'between' && isKey(part.a, rangeKey) && part.low.kind === 'value' && part.high.kind === 'value' && range === undefined) {
      range = { op: 'between', low: part.low.value, high: part.high.value };
    } else if (part.kind === 'function' && part.name === 'begins_with' && isKey(part.args[0], rangeKey) && part.args[1]?.kind === 'value' && range === undefined) {
      range = { op: 'begins_with', value: part.args[1].value };
    } else {
      return unsupported();
    }
  }
  if (hash === undefined) throw new ValidationError(`Query condition missed key schema element: ${hashKey}`);
  return range === undefined ? { hash } : { hash, range };
}

/** Whether a sort-key value satisfies a Query's sort-key condition. */
export function rangeMatches(value: AttributeValue | undefined, r: RangeCondition): boolean {
  if (r.op === 'between') {
    const lo = compareValues(value, r.low);
    const hi = compareValues(value, r.high);
    return lo !== undefined && hi !== undefined && lo >= 0 && hi <= 0;
  }
  if (r.op === 'begins_with') {
    if (value?.S !== undefined && r.value.S !== undefined) return value.S.startsWith(r.value.S);
    if (value?.B !== undefined && r.value.B !== undefined) return Buffer.from(value.B, 'base64').subarray(0, Buffer.from(r.value.B, 'base64').length).equals(Buffer.from(r.value.B, 'base64'));
    return false;
  }
  const cmp = compareValues(value, r.value);
  if (cmp === undefined) return false;
  switch (r.op) {
    case '=':
      return cmp === 0;
    case '<':
      return cmp < 0;
    case '<=':
      return cmp <= 0;
    case '>':
      return cmp > 0;
    case '>=':
      return cmp >= 0;
    default:
      return false;
  }
}

// ---------------------------------------------------------------- updates

const INVALID_PATH = 'The document path provided in the update expression is invalid for update';
const MISSING_ATTRIBUTE = 'The provided expression refers to an attribute that does not exist in the item';
const WRONG_TYPE = 'An operand in the update expression has an incorrect data type';

function updateOperand(o: Operand, item: Item): AttributeValue {
  switch (o.kind) {
    case 'value':
      return o.value;
    case 'path': {
      const v = valueAt(item, o.path);
      if (v === undefined) throw new ValidationError(MISSING_ATTRIBUTE);
      return v;
    }
    case 'if_not_exists':
      return valueAt(item, o.path) ?? updateOperand(o.fallback, item);
    case 'list_append': {
      const a = updateOperand(o.a, item);
      const b = updateOperand(o.b, item);
      for (const x of [a, b]) {
        if (x.L === undefined) throw new ValidationError(`Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: ${typeOf(x) ?? ''}`);
      }
      return { L: [...(a.L ?? []), ...(b.L ?? [])] };
    }
    case 'arith': {
      const a = updateOperand(o.a, item);
      const b = updateOperand(o.b, item);
      if (a.N === undefined || b.N === undefined) throw new ValidationError(WRONG_TYPE);
      return { N: addNumbers(a.N, b.N, o.op === '-') };
    }
    case 'size':
      throw new ValidationError('Invalid UpdateExpression: The function is not allowed in an update expression; function: size');
  }
}

function isPrefix(a: Path, b: Path): boolean {
  return a.length <= b.length && a.every((e, i) => e === b[i]);
}

function setAt(item: Item, path: Path, value: AttributeValue): void {
  const last = path[path.length - 1];
  if (path.length === 1 && typeof last === 'string') {
    item[last] = value;
    return;
  }
  const parent = valueAt(item, path.slice(0, -1));
  if (typeof last === 'string') {
    if (parent?.M === undefined) throw new ValidationError(INVALID_PATH);
    parent.M[last] = value;
  } else if (last !== undefined) {
    if (parent?.L === undefined) throw new ValidationError(INVALID_PATH);
    if (last < parent.L.length) parent.L[last] = value;
    else parent.L.push(value);
  }
}

function removeAt(item: Item, path: Path): void {
  const last = path[path.length - 1];
  if (path.length === 1 && typeof last === 'string') {
    delete item[last];
    return;
  }
  const parent = valueAt(item, path.slice(0, -1));
  if (typeof last === 'string') {
    if (parent?.M === undefined) throw new ValidationError(INVALID_PATH);
    delete parent.M[last];
  } else if (last !== undefined) {
    if (parent?.L === undefined) throw new ValidationError(INVALID_PATH);
    if (last < parent.L.length) parent.L.splice(last, 1);
  }
}

function comparePaths(a: Path, b: Path): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

function setType(av: AttributeValue): 'SS' | 'NS' | 'BS' | undefined {
  const t = typeOf(av);
  return t === 'SS' || t === 'NS' || t === 'BS' ? t : undefined;
}

const memberKey = (t: 'SS' | 'NS' | 'BS', m: string): string => (t === 'NS' ? normalizeNumber(m) : m);

/**
 * Applies an UpdateExpression's actions to a copy of the item (undefined: a new item, to which the
 * caller adds the key). Every operand is read from the item as it was before the update.
 */
export function applyUpdate(item: Item | undefined, actions: UpdateAction[], keyNames: string[]): { item: Item; paths: Path[] } {
  const old: Item = item ?? {};
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i] as UpdateAction;
    const top = a.path[0];
    if (typeof top === 'string' && keyNames.includes(top)) throw new ValidationError(`One or more parameter values were invalid: Cannot update attribute ${top}. This attribute is part of the key`);
    for (let j = i + 1; j < actions.length; j++) {
      const b = actions[j] as UpdateAction;
      if (isPrefix(a.path, b.path) || isPrefix(b.path, a.path)) {
        const show = (p: Path): string => `[${p.join(', ')}]`;
        throw new ValidationError(`Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: ${show(a.path)}, path two: ${show(b.path)}`);
      }
    }
  }
  const writes: { path: Path; value: AttributeValue | undefined }[] = [];
  for (const a of actions) {
    if (a.kind === 'SET') writes.push({ path: a.path, value: structuredClone(updateOperand(a.value, old)) });
    else if (a.kind === 'ADD') {
      const current = valueAt(old, a.path);
      const t = typeOf(a.value);
      if (t === 'N') {
        if (current !== undefined && current.N === undefined) throw new ValidationError(WRONG_TYPE);
        writes.push({ path: a.path, value: { N: current?.N === undefined ? (a.value.N as string) : addNumbers(current.N, a.value.N as string) } });
      } else {
        const st = setType(a.value);
        if (st === undefined) throw new ValidationError(`Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: ${t ?? ''}`);
        if (current !== undefined && setType(current) !== st) throw new ValidationError(WRONG_TYPE);
        const members = [...(current?.[st] ?? [])];
        const seen = new Set(members.map((m) => memberKey(st, m)));
        for (const m of a.value[st] ?? []) if (!seen.has(memberKey(st, m))) members.push(m);
        writes.push({ path: a.path, value: { [st]: members } });
      }
    } else if (a.kind === 'DELETE') {
      const st = setType(a.value);
      if (st === undefined) throw new ValidationError(`Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: ${typeOf(a.value) ?? ''}`);
      const current = valueAt(old, a.path);
      if (current === undefined) continue;
      if (setType(current) !== st) throw new ValidationError(WRONG_TYPE);
      const drop = new Set((a.value[st] ?? []).map((m) => memberKey(st, m)));
      const left = (current[st] ?? []).filter((m) => !drop.has(memberKey(st, m)));
      writes.push({ path: a.path, value: left.length > 0 ? { [st]: left } : undefined });
    }
  }
  const next = structuredClone(old);
  for (const w of writes) {
    if (w.value === undefined) removeAt(next, w.path);
    else setAt(next, w.path, w.value);
  }
  const removals = actions.filter((a) => a.kind === 'REMOVE').map((a) => a.path);
  removals.sort((a, b) => comparePaths(b, a));
  for (const p of removals) removeAt(next, p);
  return { item: next, paths: actions.map((a) => a.path) };
}

// ---------------------------------------------------------------- projection

interface ProjectionNode {
  leaf: boolean;
  children: Map<string | number, ProjectionNode>;
}

/** The item with only the given document paths (missing ones left out), as DynamoDB projects. */
export function project(item: Item, paths: Path[]): Item {
  const root: ProjectionNode = { leaf: false, children: new Map() };
  for (const p of paths) {
    let node = root;
    for (const e of p) {
      let child = node.children.get(e);
      if (child === undefined) {
        child = { leaf: false, children: new Map() };
        node.children.set(e, child);
      }
      node = child;
    }
    node.leaf = true;
  }
  const pick = (av: AttributeValue, node: ProjectionNode): AttributeValue | undefined => {
    if (node.leaf) return structuredClone(av);
    if (av.M !== undefined) {
      const out: Record<string, AttributeValue> = {};
      for (const [k, child] of node.children) {
        const v = typeof k === 'string' && Object.prototype.hasOwnProperty.call(av.M, k) ? av.M[k] : undefined;
        const picked = v === undefined ? undefined : pick(v, child);
        if (picked !== undefined) out[k] = picked;
      }
      return Object.keys(out).length > 0 ? { M: out } : undefined;
    }
    if (av.L !== undefined) {
      const out: AttributeValue[] = [];
      const indexes = [...node.children.keys()].filter((k): k is number => typeof k === 'number').sort((a, b) => a - b);
      for (const i of indexes) {
        const v = av.L[i];
        const picked = v === undefined ? undefined : pick(v, node.children.get(i) as ProjectionNode);
        if (picked !== undefined) out.push(picked);
      }
      return out.length > 0 ? { L: out } : undefined;
    }
    return undefined;
  };
  const out: Item = {};
  for (const [k, child] of root.children) {
    const v = typeof k === 'string' && Object.prototype.hasOwnProperty.call(item, k) ? item[k] : undefined;
    const picked = v === undefined ? undefined : pick(v, child);
    if (picked !== undefined) out[k as string] = picked;
  }
  return out;
}
