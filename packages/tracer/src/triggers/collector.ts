// Accumulates a TriggerInfo while the source parsers walk the event.
import type { FaasTrigger, TraceContextCandidate, TriggerAttributeValue, TriggerInfo, TriggerSource } from './types.ts';

export class TriggerCollector {
  trigger: FaasTrigger = 'other';
  source: TriggerSource = 'unknown';
  userId = '';
  userTier = '';
  readonly attributes: Record<string, TriggerAttributeValue> = {};
  private readonly keys = new Set<string>();
  private readonly contexts = new Map<string, TraceContextCandidate>();

  constructor(private readonly max: number) {}

  is(trigger: FaasTrigger, source: TriggerSource): void {
    this.trigger = trigger;
    this.source = source;
  }

  /** Sets an attribute unless the value is undefined or ''. */
  set(key: string, value: TriggerAttributeValue | undefined): void {
    if (value === undefined || value === '') return;
    if (Array.isArray(value) && value.length === 0) return;
    this.attributes[key] = value;
  }

  link(key: string | undefined): void {
    if (key !== undefined && this.keys.size < this.max) this.keys.add(key);
  }

  context(c: TraceContextCandidate | undefined): void {
    if (c !== undefined && this.contexts.size < this.max) this.contexts.set(`${c.traceId}-${c.spanId}`, c);
  }

  finish(): TriggerInfo {
    const attributes: Record<string, TriggerAttributeValue> = { 'faas.trigger': this.trigger, ...this.attributes };
    if (this.userId !== '') attributes['enduser.id'] = this.userId;
    if (this.userTier !== '') attributes['nightjar.enduser.tier'] = this.userTier;
    return {
      trigger: this.trigger,
      source: this.source,
      attributes,
      userId: this.userId,
      userTier: this.userTier,
      linkIn: [...this.keys],
      traceContexts: [...this.contexts.values()],
    };
  }
}
