export { startShop, type ShopOptions, type RunningShop, type ShopStatus } from './shop.ts';
export { FAULT_NAMES, FAULT_DESCRIPTIONS, parseFaultList, isFaultName, FaultController, type FaultName, type FaultState } from './faults.ts';
