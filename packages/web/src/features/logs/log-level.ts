// One level name per log line, from OTLP severity number first, then the severity text.

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'unknown';

/** Levels offered by the logs filter (sent to the API as ?level=). */
export const LEVEL_FILTERS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];

export function logLevel(severityNumber: number, severityText: string): LogLevel {
  if (severityNumber >= 21) return 'fatal';
  if (severityNumber >= 17) return 'error';
  if (severityNumber >= 13) return 'warn';
  if (severityNumber >= 9) return 'info';
  if (severityNumber >= 5) return 'debug';
  if (severityNumber >= 1) return 'trace';
  const t = severityText.trim().toLowerCase();
  if (t.startsWith('fatal') || t === 'critical' || t === 'crit' || t === 'emerg' || t === 'alert') return 'fatal';
  if (t.startsWith('err')) return 'error';
  if (t.startsWith('warn')) return 'warn';
  if (t.startsWith('info') || t === 'notice') return 'info';
  if (t.startsWith('debug')) return 'debug';
  if (t.startsWith('trace')) return 'trace';
  return 'unknown';
}
