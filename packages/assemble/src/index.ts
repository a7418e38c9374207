// @nightjar/assemble: transactions from spans and invocations (pure: data and time come in as arguments).
export { assembleTransaction, buildGraph, joinInvocations, type AssembleInput } from './assemble-transaction.ts';
export { connectedSpans, keysOf, DEFAULT_BOUNDS, type Bounds, type Component, type LinkKeys } from './components.ts';
export { classifyClient, classifyTrigger, type NodeRef, type Target, type Trigger } from './classify.ts';
export { serviceMap } from './service-map.ts';
export { spanMapEdges, withMapEdges, UNRESOLVED, type MapSpan } from './map-edges.ts';
export { impactOf, type Impact, type ImpactEntry, type ImpactUser } from './impact.ts';
export { emptyFields, emptyFieldsOf, fieldsNamedIn } from './payload.ts';
export { failingRecordKeys } from './failing-record-keys.ts';
