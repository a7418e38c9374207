// Transactions: the connected component of spans and invocations joined by parent/child, span links,
// propagated trace context and matching stitching keys (nightjar.link.out = nightjar.link.in),
// as the API returns it and the UI draws it. Assembled by packages/assemble (pure).
import type { InvocationItem, SpanItem } from './api.ts';

export type TxNodeType =
  | 'lambda'
  | 'api' // an HTTP API route (API Gateway): the entry point of user requests
  | 'schedule' // an EventBridge schedule
  | 'sqs'
  | 'sns'
  | 'eventbridge'
  | 'kinesis'
  | 'dynamodb'
  | 's3'
  | 'stepfunctions'
  | 'http'; // an external host (third-party API)

export type TxStatus = 'ok' | 'error' | 'unknown';

export interface TxNode {
  /** Stable within a transaction and across transactions: "lambda:notify", "sqs:shop-payments", "http:api.example.com". */
  id: string;
  type: TxNodeType;
  /** Function, queue, topic, bus, table, bucket, stream or host name; "POST /orders" for an api node. */
  name: string;
  status: TxStatus;
  /** Invocations (lambda) or calls (resources, hosts) in this transaction. */
  count: number;
  errors: number;
  /** Lambda nodes: the invocations, in start order (request ids). */
  requestIds: string[];
  /** Spans drawn for this node (root spans of its invocations, or the client spans that reached it). */
  spanIds: string[];
  /** Lambda nodes: false when an invocation is known only from platform logs (no tracer). */
  traced: boolean;
  /** Lambda nodes: versions seen. */
  versions: string[];
  /** Earliest start (ISO) and total duration in ms of its work in this transaction. */
  start: string | null;
  durationMs: number;
}

export type TxEdgeVia = 'invoke' | 'http' | 'trigger' | 'sqs' | 'sns' | 'eventbridge' | 'kinesis' | 'dynamodb' | 's3' | 'stepfunctions' | 'call';

export interface TxEdge {
  from: string;
  to: string;
  via: TxEdgeVia;
  count: number;
  /** error when any of the calls or deliveries along it failed. */
  status: TxStatus;
  /** Span ids of the calls along the edge (client spans; for resource -> consumer edges the consumer's root spans). */
  spanIds: string[];
}

export interface TxEntry {
  /** http: an API route; schedule; s3: an upload; queue/stream: a message from outside the transaction; invoke: a direct invocation. */
  kind: 'http' | 'schedule' | 's3' | 'message' | 'invoke' | 'unknown';
  /** "POST /orders", the schedule's rule, "s3://bucket/key"... */
  name: string;
  nodeId: string;
  function: string;
  requestId: string;
  time: string | null;
}

export interface TxUser {
  id: string;
  /** Invocations in the transaction that carried this user id (enduser.id). */
  count: number;
  /**
   * On the failing record's lineage (from its entry down to the first failure), or the failing
   * invocation's own user; false for users that only rode along in a batch, and for all when nothing failed.
   */
  affected: boolean;
  /** The user's tier or plan as the tracer recorded it (`nightjar.enduser.tier`), when known. */
  tier?: string;
  /** isVipTier(tier). */
  vip: boolean;
}

/** Tiers that mark a VIP user, compared case-insensitively after trimming. */
export const VIP_TIERS: readonly string[] = ['vip', 'premium', 'enterprise', 'gold', 'platinum'];

/** The one rule for VIP users: their tier is one of VIP_TIERS (case-insensitive); no tier is not VIP. */
export function isVipTier(tier: string | null | undefined): boolean {
  return typeof tier === 'string' && VIP_TIERS.includes(tier.trim().toLowerCase());
}

export interface TxFailure {
  nodeId: string;
  function: string;
  requestId: string;
  spanId: string;
  errorType: string;
  message: string;
  time: string | null;
}

export interface TxRootCause {
  /** The hop blamed: the earliest upstream hop whose output fed the first failure (or the failure itself). */
  nodeId: string;
  function: string;
  requestId: string;
  spanId: string;
  /** Why it is blamed, in words ("orders-api's input already had \"phone\": \"\" (POST /orders)"). */
  reason: string;
  /** The field found empty or missing along the path, when the evidence is a payload field. */
  field: string | null;
  firstFailure: TxFailure;
}

export interface Transaction {
  /** The id it was looked up by. */
  id: string;
  traceIds: string[];
  entry: TxEntry | null;
  users: TxUser[];
  status: TxStatus;
  start: string | null;
  durationMs: number;
  rootCause: TxRootCause | null;
  nodes: TxNode[];
  edges: TxEdge[];
  /** Every span, deduplicated by span id, in start order (after clock-skew correction, see skewMs). */
  spans: SpanItem[];
  /** Invocations of the transaction, including those known only from platform logs. */
  invocations: InvocationItem[];
  /** Per function: ms added to its spans' starts so that no consumer starts before its producer. */
  skewMs: Record<string, number>;
  /** True when the bounds (traces, spans) cut the assembly short. */
  truncated: boolean;
}

/** A node of the service map: a function, resource, host, API route or schedule, over a time window. */
export interface ServiceMapNode {
  id: string;
  type: TxNodeType;
  name: string;
  /** Invocations (lambda, api, schedule) or calls (resources, hosts). */
  requests: number;
  errors: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface ServiceMapEdge {
  from: string;
  to: string;
  via: TxEdgeVia;
  count: number;
  errors: number;
  /** Median duration of the calls (client spans) or, into a function, of the invocations it triggered. */
  p50Ms: number | null;
}

export interface ServiceMap {
  nodes: ServiceMapNode[];
  edges: ServiceMapEdge[];
}

/** GET /api/functions/:name/impact: who and what the failures of one function reached (walked upstream to the entries). */
export interface FunctionImpact {
  function: string;
  from: string;
  to: string;
  /** Failing invocations of the function in the window (all of them). */
  failedInvocations: number;
  /** How many of them (the newest) were walked upstream; less than failedInvocations when sampled. */
  sampled: number;
  /** Per entry point, the sampled failing invocations it led to, most first. A failing batch consumer counts under each distinct entry upstream of it. */
  entries: ImpactEntryCount[];
  /** Per end user (enduser.id on the upstream path or on the failing invocation), the sampled failing invocations: VIP users first, then most failures first. */
  users: ImpactUserCount[];
  /** A bound (rounds, traces) cut the walk short. */
  truncated: boolean;
}

/** The root span of a failing invocation, as the impact walk reads it to tell the failing records of a batch. */
export interface ImpactFailingRoot {
  input: string;
  /** Its stitching keys (nightjar.link.in): one or more per record of a batch, and lambda:<request id>. */
  linkIn: readonly string[];
  statusMessage: string;
  events: readonly { name: string; attributes: Readonly<Record<string, string>> }[];
  attributes: Readonly<Record<string, string>>;
}

/** The link.in keys of the failing record(s) of a batch (plus lambda: keys); null when it cannot tell. */
export type FailingKeysOf = (root: ImpactFailingRoot) => string[] | null;

export interface ImpactEntryCount {
  kind: TxEntry['kind'];
  /** "POST /orders", the schedule's rule, "s3://bucket", or the entry function itself. */
  name: string;
  failed: number;
}

export interface ImpactUserCount {
  id: string;
  failed: number;
  /** The user's tier (`nightjar.enduser.tier` of the invocations read), when known. */
  tier?: string;
  /** isVipTier(tier); VIP users come first. */
  vip: boolean;
}

/** GET /api/transactions: entry invocations (the invocation that started a flow), newest first. */
export interface TransactionListItem {
  /** Request id of the entry invocation (opens /transactions/<id>). */
  id: string;
  traceId: string;
  entry: { kind: TxEntry['kind']; name: string };
  function: string;
  user: string | null;
  start: string;
  /** The entry invocation's own status (its root span's status), not the whole transaction's. */
  status: 'ok' | 'error';
  durationMs: number;
}

export interface TransactionFilter {
  project: string;
  from: Date;
  to: Date;
  /** Transactions whose entry invocation is of this function. */
  function?: string;
  status?: 'ok' | 'error';
  user?: string;
  /** Transactions whose entry has exactly this name (as the list shows it): "POST /orders", a schedule rule, "s3://bucket", or the entry function. */
  entry?: string;
  limit: number;
}
