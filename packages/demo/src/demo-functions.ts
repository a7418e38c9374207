// The synthetic functions of the interim demo: names, runtimes, how they are observed (OTLP
// tracer, platform logs only, Telemetry API) and how they fail. Replaced by the demo shop later.
import type { SimulatedOutcome } from '@nightjar/lambda-logs';

export interface DemoFunction {
  name: string;
  runtime: 'nodejs' | 'python';
  memoryMb: number;
  version: string;
  /** Invocations per second at --rate 1. */
  weight: number;
  /** Typical duration and spread, ms. */
  durationMs: [number, number];
  traced: boolean;
  telemetry: boolean;
  route: string | null;
  outcomes: [SimulatedOutcome, number][];
  logs: string[];
}

export const DEMO_FUNCTIONS: DemoFunction[] = [
  {
    name: 'orders-api', runtime: 'nodejs', memoryMb: 512, version: '14', weight: 4, durationMs: [80, 60], traced: true, telemetry: false,
    route: 'POST /orders', outcomes: [['error', 0.03]], logs: ['placing order for user {user}', 'order {order} stored'],
  },
  {
    name: 'payments', runtime: 'nodejs', memoryMb: 1024, version: '31', weight: 2, durationMs: [350, 300], traced: true, telemetry: true,
    route: null, outcomes: [['error', 0.05], ['timeout', 0.01]], logs: ['charging card for order {order}', 'provider answered in {ms} ms'],
  },
  {
    name: 'notifications', runtime: 'python', memoryMb: 256, version: '$LATEST', weight: 2, durationMs: [120, 80], traced: false, telemetry: false,
    route: null, outcomes: [['error', 0.04]], logs: ['sending email to {user}', 'provider accepted message'],
  },
  {
    name: 'inventory-sync', runtime: 'nodejs', memoryMb: 256, version: '7', weight: 1, durationMs: [900, 400], traced: false, telemetry: true,
    route: null, outcomes: [['timeout', 0.02]], logs: ['syncing {n} items', 'sync finished'],
  },
  {
    name: 'avatar-resize', runtime: 'python', memoryMb: 128, version: '3', weight: 0.6, durationMs: [1400, 600], traced: false, telemetry: false,
    route: 'PUT /users/{id}/avatar', outcomes: [['out_of_memory', 0.04], ['crash', 0.01]], logs: ['resizing {n}x{n} image', 'thumbnail written'],
  },
  {
    name: 'daily-report', runtime: 'nodejs', memoryMb: 2048, version: '2', weight: 0.1, durationMs: [4000, 2000], traced: false, telemetry: false,
    route: null, outcomes: [['init_error', 0.05], ['timeout', 0.1]], logs: ['building report for {n} orders'],
  },
];
