// Local EventBridge over AWS JSON 1.1 (x-amz-target AWSEvents.<Op>): PutEvents onto event buses
// (the default bus and those made with createBus), rules made with putRule (an event pattern, see
// event-pattern.ts) and their targets: Lambda functions, invoked asynchronously (Event invocation),
// and SQS queues, which receive the event JSON as the message body. The delivered event is
// { version: '0', id, 'detail-type', source, account, time, region, resources, detail } with id the
// EventId PutEvents answered. An entry's TraceHeader (or the request's X-Amzn-Trace-Id) is passed on
// to the targets. Entries without Source, DetailType or a JSON-object Detail fail one by one
// (InvalidArgument, MalformedDetail); an event no rule matches is accepted and dropped, as in
// EventBridge, and so is one sent to an unknown bus (reported by EventBridge as a success too, as far
// as is known; ListEventBuses/DescribeEventBus/ListRules help check the set-up).
import { randomUUID } from 'node:crypto';
import type { AsyncInvoker } from './async-invoke.ts';
import { validateEventPattern, matchesEventPattern, type EventPattern } from './event-pattern.ts';
import { awsJson, awsJsonError } from './protocol.ts';
import type { SqsDelivery } from './sqs.ts';
import type { AwsResponse, AwsService } from './types.ts';
import { ACCOUNT_ID, REGION, arn } from './types.ts';

export type RuleTarget = { functionName: string } | { queueName: string };

export interface EventBridgeOptions {
  asyncInvoker: AsyncInvoker;
  sqs: SqsDelivery;
  /** A target that could not be delivered to (a queue that is gone). */
  onError?: (err: unknown) => void;
}

export interface EventBridgeService extends AwsService {
  readonly name: 'events';
  /** Creates a custom event bus; returns its ARN. */
  createBus(name: string): string;
  /** Creates or replaces a rule on a bus; returns the rule's ARN. Throws on an invalid pattern. */
  putRule(busName: string, ruleName: string, pattern: EventPattern, targets: RuleTarget[]): string;
}

/** The SenderId SQS reports for messages EventBridge delivers (a fixed principal id here). */
const EVENTBRIDGE_SENDER_ID = 'AIDAEVENTBRIDGE000001';
const MAX_ENTRIES = 10;
const MAX_ENTRY_BYTES = 262_144;

interface Rule {
  name: string;
  arn: string;
  pattern: EventPattern;
  targets: RuleTarget[];
}

interface Bus {
  name: string;
  arn: string;
  rules: Map<string, Rule>;
}

/** EventBridge's event time: ISO 8601 to the second. */
export const eventTime = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export const ruleArn = (busName: string, ruleName: string): string =>
  arn('events', busName === 'default' ? `rule/${ruleName}` : `rule/${busName}/${ruleName}`);

interface EntryInput {
  Source?: unknown;
  DetailType?: unknown;
  Detail?: unknown;
  EventBusName?: unknown;
  Resources?: unknown;
  Time?: unknown;
  TraceHeader?: unknown;
}

function parseTime(t: unknown): Date | undefined {
  if (typeof t === 'number') return new Date(t * 1000); // the SDK sends epoch seconds
  if (typeof t === 'string') {
    const d = /^\d+(\.\d+)?$/.test(t) ? new Date(Number(t) * 1000) : new Date(t);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
}

export function createEventBridge(opts: EventBridgeOptions): EventBridgeService {
  const buses = new Map<string, Bus>();
  const addBus = (name: string): Bus => {
    const bus: Bus = { name, arn: arn('events', `event-bus/${name}`), rules: new Map() };
    buses.set(name, bus);
    return bus;
  };
  addBus('default');

  const busByRef = (ref: string): Bus | undefined => {
    if (ref.startsWith('arn:')) {
      const m = /^arn:aws:events:([^:]*):(\d+):event-bus\/(.+)$/.exec(ref);
      if (m === null || m[2] !== ACCOUNT_ID) return undefined;
      return buses.get(m[3] ?? '');
    }
    return buses.get(ref);
  };

  function deliver(bus: Bus, event: Record<string, unknown>, traceHeader: string | undefined): void {
    for (const rule of bus.rules.values()) {
      if (!matchesEventPattern(rule.pattern, event)) continue;
      for (const t of rule.targets) {
        try {
          if ('functionName' in t) {
            opts.asyncInvoker.enqueue(t.functionName, event, traceHeader !== undefined ? { traceHeader } : {});
          } else {
            opts.sqs.deliver(t.queueName, { body: JSON.stringify(event), senderId: EVENTBRIDGE_SENDER_ID, ...(traceHeader !== undefined ? { awsTraceHeader: traceHeader } : {}) });
          }
        } catch (err) {
          opts.onError?.(err);
        }
      }
    }
  }

  type EntryResult = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

  function putEntry(e: EntryInput, requestTrace: string | undefined): EntryResult {
    const fail = (ErrorCode: string, ErrorMessage: string): EntryResult => ({ ErrorCode, ErrorMessage });
    if (typeof e.Source !== 'string' || e.Source === '') return fail('InvalidArgument', 'Parameter Source is not valid. Reason: Source is a required argument.');
    if (typeof e.DetailType !== 'string' || e.DetailType === '') return fail('InvalidArgument', 'Parameter DetailType is not valid. Reason: DetailType is a required argument.');
    if (typeof e.Detail !== 'string' || e.Detail === '') return fail('InvalidArgument', 'Parameter Detail is not valid. Reason: Detail is a required argument.');
    let detail: unknown;
    try {
      detail = JSON.parse(e.Detail);
    } catch {
      return fail('MalformedDetail', 'Detail is malformed.');
    }
    if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) return fail('MalformedDetail', 'Detail is malformed.');
    const resources = Array.isArray(e.Resources) ? e.Resources.filter((r): r is string => typeof r === 'string') : [];
    const size = Buffer.byteLength(e.Source) + Buffer.byteLength(e.DetailType) + Buffer.byteLength(e.Detail) + resources.reduce((n, r) => n + Buffer.byteLength(r), 0);
    if (size > MAX_ENTRY_BYTES) return fail('InvalidArgument', `Event entry is too large. The maximum size is ${MAX_ENTRY_BYTES} bytes.`);
    const time = e.Time !== undefined && e.Time !== null ? parseTime(e.Time) : new Date();
    if (time === undefined) return fail('InvalidArgument', 'Parameter Time is not valid.');
    const id = randomUUID();
    const event = {
      version: '0',
      id,
      'detail-type': e.DetailType,
      source: e.Source,
      account: ACCOUNT_ID,
      time: eventTime(time),
      region: REGION,
      resources,
      detail,
    };
    const bus = busByRef(typeof e.EventBusName === 'string' && e.EventBusName !== '' ? e.EventBusName : 'default');
    const trace = typeof e.TraceHeader === 'string' && e.TraceHeader !== '' ? e.TraceHeader : requestTrace;
    if (bus !== undefined) deliver(bus, event, trace);
    return { EventId: id };
  }

  function handle(op: string, input: Record<string, unknown>, traceHeader: string | undefined): AwsResponse {
    switch (op) {
      case 'PutEvents': {
        const entries = input.Entries;
        if (!Array.isArray(entries) || entries.length === 0 || entries.length > MAX_ENTRIES) {
          const n = Array.isArray(entries) ? entries.length : 0;
          return awsJsonError(
            'ValidationException',
            `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length ${n === 0 ? 'greater than or equal to 1' : `less than or equal to ${MAX_ENTRIES}`}`,
            '1.1',
          );
        }
        const results = entries.map((e) => putEntry((e ?? {}) as EntryInput, traceHeader));
        return awsJson({ FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results }, '1.1');
      }
      case 'ListEventBuses':
        return awsJson({ EventBuses: [...buses.values()].map((b) => ({ Name: b.name, Arn: b.arn })) }, '1.1');
      case 'DescribeEventBus': {
        const bus = busByRef(typeof input.Name === 'string' && input.Name !== '' ? input.Name : 'default');
        if (bus === undefined) return awsJsonError('ResourceNotFoundException', `Event bus ${String(input.Name)} does not exist.`, '1.1');
        return awsJson({ Name: bus.name, Arn: bus.arn }, '1.1');
      }
      case 'ListRules': {
        const bus = busByRef(typeof input.EventBusName === 'string' && input.EventBusName !== '' ? input.EventBusName : 'default');
        if (bus === undefined) return awsJsonError('ResourceNotFoundException', `Event bus ${String(input.EventBusName)} does not exist.`, '1.1');
        const prefix = typeof input.NamePrefix === 'string' ? input.NamePrefix : '';
        const rules = [...bus.rules.values()]
          .filter((r) => r.name.startsWith(prefix))
          .map((r) => ({ Name: r.name, Arn: r.arn, EventPattern: JSON.stringify(r.pattern), State: 'ENABLED', EventBusName: bus.name }));
        return awsJson({ Rules: rules }, '1.1');
      }
      default:
        return awsJsonError('UnknownOperationException', `Unknown operation ${op}`, '1.1');
    }
  }

  return {
    name: 'events',

    createBus(name) {
      if (!/^[A-Za-z0-9._\-/]{1,256}$/.test(name)) throw new Error(`invalid event bus name "${name}"`);
      return (buses.get(name) ?? addBus(name)).arn;
    },

    putRule(busName, ruleName, pattern, targets) {
      const bus = buses.get(busName);
      if (bus === undefined) throw new Error(`no event bus "${busName}"`);
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(ruleName)) throw new Error(`invalid rule name "${ruleName}"`);
      validateEventPattern(pattern);
      for (const t of targets) if ('queueName' in t && !opts.sqs.hasQueue(t.queueName)) throw new Error(`rule ${ruleName}: no queue "${t.queueName}"`);
      const rule: Rule = { name: ruleName, arn: ruleArn(busName, ruleName), pattern: structuredClone(pattern), targets: [...targets] };
      bus.rules.set(ruleName, rule);
      return rule.arn;
    },

    handle(req) {
      const target = req.headers['x-amz-target'] ?? '';
      const op = target.startsWith('AWSEvents.') ? target.slice('AWSEvents.'.length) : '';
      let input: Record<string, unknown>;
      try {
        const parsed: unknown = req.body.length > 0 ? JSON.parse(req.body.toString('utf8')) : {};
        input = parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
      } catch {
        return awsJsonError('SerializationException', 'Could not parse the request body.', '1.1');
      }
      return handle(op, input, req.headers['x-amzn-trace-id']);
    },
  };
}
