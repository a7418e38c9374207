export { startDemoTraffic, type DemoOptions } from './synthetic-traffic.ts';
export { DEMO_FUNCTIONS, type DemoFunction } from './demo-functions.ts';
