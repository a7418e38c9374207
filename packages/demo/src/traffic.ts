// Simulated customers using the shop's HTTP API through the local API Gateway: place orders, look
// at their orders, upload avatars. Arrivals are Poisson at the given rate from a seeded PRNG; faults
// change the traffic (poison messages: orders with a non-numeric quantity; a cold-start storm: a
// burst of concurrent requests).
import { pick } from '@nightjar/testkit';
import type { Customer } from './customers.ts';
import { signJwt } from './jwt.ts';
import { PRICES } from '../functions/shared/prices.ts';

export interface TrafficOptions {
  gatewayUrl: string;
  jwtSecret: string;
  customers: Customer[];
  random: () => number;
  /** Requests per second. */
  rate: number;
  /** Share of orders that carry a poison item (0 when the fault is off). */
  poisonShare: () => number;
  /** Traffic multiplier (cold-start storm). */
  multiplier: () => number;
  /** Requests in flight at most; arrivals beyond are counted as skipped. */
  maxInFlight?: number;
  onError?: (err: unknown) => void;
}

export interface TrafficStats {
  sent: number;
  skipped: number;
  failed: number;
  /** "POST /orders 201" -> count. */
  byRouteStatus: Record<string, number>;
}

export interface Traffic {
  stats(): TrafficStats;
  stop(): Promise<void>;
}

// what the shop sells (the functions' own price list), cheap items more often
const SKUS = Object.keys(PRICES).sort((a, b) => (PRICES[a] ?? 0) - (PRICES[b] ?? 0));
const popular = (random: () => number): string => SKUS[Math.floor(random() ** 2 * SKUS.length)] ?? 'sku-mug';
// a 16x16 greyscale "image" with a PNG signature, enough for the resize function to chew on
const avatarBytes = (random: () => number): Buffer => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(Array.from({ length: 4096 }, () => Math.floor(random() * 256)))]);

export function startTraffic(opts: TrafficOptions): Traffic {
  const stats: TrafficStats = { sent: 0, skipped: 0, failed: 0, byRouteStatus: {} };
  const maxInFlight = opts.maxInFlight ?? 64;
  const ordersOf = new Map<string, string[]>();
  const tokens = new Map<string, string>();
  const inFlight = new Set<Promise<void>>();
  let stopped = false;

  const token = (c: Customer): string => {
    let t = tokens.get(c.userId);
    if (t === undefined) {
      t = signJwt({ sub: c.userId, tier: c.tier, name: c.name, iss: 'https://auth.shop.example', aud: 'shop-api', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 7 * 86400 }, opts.jwtSecret);
      tokens.set(c.userId, t);
    }
    return t;
  };

  async function request(route: string, method: string, path: string, c: Customer, body?: string | Buffer, contentType = 'application/json'): Promise<Response> {
    const res = await fetch(`${opts.gatewayUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token(c)}`, 'content-type': contentType, 'user-agent': 'shop-web/4.2 (demo)' },
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(60_000),
    });
    const key = `${route} ${res.status}`;
    stats.byRouteStatus[key] = (stats.byRouteStatus[key] ?? 0) + 1;
    return res;
  }

  async function one(): Promise<void> {
    const c = pick(opts.random, opts.customers);
    const roll = opts.random();
    const mine = ordersOf.get(c.userId) ?? [];
    if (roll < 0.2 && mine.length > 0) {
      const res = await request('GET /orders/{orderId}', 'GET', `/orders/${encodeURIComponent(pick(opts.random, mine))}`, c);
      await res.arrayBuffer();
      return;
    }
    if (roll < 0.3) {
      const res = await request('POST /users/{userId}/avatar', 'POST', `/users/${c.userId}/avatar`, c, avatarBytes(opts.random), 'image/png');
      await res.arrayBuffer();
      return;
    }
    const n = 1 + Math.floor(opts.random() * 3);
    const items: { sku: string; quantity: number | string }[] = Array.from({ length: n }, () => ({ sku: popular(opts.random), quantity: 1 + Math.floor(opts.random() * 3) }));
    if (opts.random() < opts.poisonShare()) items.push({ sku: popular(opts.random), quantity: 'two' });
    const res = await request('POST /orders', 'POST', '/orders', c, JSON.stringify({ items, customer: { name: c.name, email: c.email, phone: c.phone } }));
    if (res.status === 201) {
      const { orderId } = (await res.json()) as { orderId?: string };
      if (typeof orderId === 'string') ordersOf.set(c.userId, [...mine.slice(-9), orderId]);
    } else await res.arrayBuffer();
  }

  const launch = (): void => {
    if (inFlight.size >= maxInFlight) {
      stats.skipped++;
      return;
    }
    stats.sent++;
    const p = one()
      .catch((err: unknown) => {
        stats.failed++;
        opts.onError?.(err);
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  // Poisson arrivals: exponential gaps
  let timer: NodeJS.Timeout | null = null;
  const next = (): void => {
    if (stopped) return;
    const rate = Math.max(0.01, opts.rate * opts.multiplier());
    const gapMs = (-Math.log(1 - opts.random()) / rate) * 1000;
    timer = setTimeout(() => {
      launch();
      next();
    }, Math.min(gapMs, 10_000));
  };
  next();

  return {
    stats: () => ({ ...stats, byRouteStatus: { ...stats.byRouteStatus } }),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.allSettled([...inFlight]);
    },
  };
}
