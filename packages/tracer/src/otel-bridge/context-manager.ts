// An OTel ContextManager backed by AsyncLocalStorage. Inside an invocation, when the user has set
// no context, the active context holds the invocation's root span (so trace.getActiveSpan() works).
import { AsyncLocalStorage } from 'node:async_hooks';
import { currentInvocation } from '../wrap/current.ts';
import type { Invocation } from '../wrap/invocation.ts';
import { RootSpanAdapter } from './bridge-span.ts';
import type { OtelApi, OtelContext, OtelContextManager } from './otel-types.ts';

export class AlsContextManager implements OtelContextManager {
  private readonly store = new AsyncLocalStorage<OtelContext>();
  private readonly rootContexts = new WeakMap<Invocation, OtelContext>();

  constructor(private readonly api: OtelApi) {}

  active(): OtelContext {
    try {
      const ctx = this.store.getStore();
      if (ctx !== undefined) return ctx;
      const inv = currentInvocation.getStore();
      if (inv === undefined || inv.ended) return this.api.ROOT_CONTEXT;
      let root = this.rootContexts.get(inv);
      if (root === undefined) {
        root = this.api.trace.setSpan(this.api.ROOT_CONTEXT, new RootSpanAdapter(inv));
        this.rootContexts.set(inv, root);
      }
      return root;
    } catch {
      return this.api.ROOT_CONTEXT;
    }
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(context: OtelContext, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return this.store.run(context, () => fn.apply(thisArg, args));
  }

  /** Binds functions to `context`; other targets (event emitters) are returned as they are. */
  bind<T>(context: OtelContext, target: T): T {
    if (typeof target !== 'function') return target;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the manager, inside a function keeping the caller's `this`
    const manager = this;
    const fn = target as unknown as (...args: unknown[]) => unknown;
    const bound = function (this: unknown, ...args: unknown[]): unknown {
      return manager.with(context, () => fn.apply(this, args));
    };
    return bound as unknown as T;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.store.disable();
    return this;
  }
}
