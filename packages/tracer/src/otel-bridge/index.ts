export { installOtelBridge, type BridgeState } from './install.ts';
