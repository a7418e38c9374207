// Invocation statuses in filter order, and which of them count as failures.
import type { InvocationItem } from '@nightjar/model';

export type DisplayStatus = InvocationItem['status'];

/** Options of the status filter ('' = all). */
export const STATUS_FILTERS: readonly { value: string; label: string }[] = [
  { value: '', label: 'All statuses' },
  { value: 'success', label: 'Success' },
  { value: 'error', label: 'Error' },
  { value: 'timeout', label: 'Timeout' },
  { value: 'out_of_memory', label: 'Out of memory' },
  { value: 'init_error', label: 'Init error' },
  { value: 'crash', label: 'Crash' },
];

const LABELS: Record<string, string> = {
  success: 'success',
  error: 'error',
  timeout: 'timeout',
  out_of_memory: 'out of memory',
  init_error: 'init error',
  crash: 'crash',
  throttled: 'throttled',
  unknown: 'unknown',
};

export function statusLabel(status: string): string {
  return LABELS[status] ?? status.replace(/_/g, ' ');
}

export function isFailure(status: string): boolean {
  return status !== 'success' && status !== 'unknown';
}

export function parseStatusFilter(value: string | null): string {
  return STATUS_FILTERS.some((o) => o.value === value) ? (value as string) : '';
}
