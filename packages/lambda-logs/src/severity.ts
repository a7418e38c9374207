// Log levels (Lambda runtimes, Python logging, pino numbers) to OTLP severity text and number.

export interface Severity {
  text: string;
  number: number;
}

const NUMBERS: Record<string, number> = {
  TRACE: 1,
  DEBUG: 5,
  INFO: 9,
  NOTICE: 10,
  WARN: 13,
  WARNING: 13,
  ERROR: 17,
  ERR: 17,
  CRITICAL: 21,
  FATAL: 21,
  ALERT: 22,
  EMERGENCY: 23,
};

const PINO: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

export const UNSPECIFIED: Severity = { text: '', number: 0 };
export const INFO: Severity = { text: 'INFO', number: 9 };
export const WARN: Severity = { text: 'WARN', number: 13 };
export const ERROR: Severity = { text: 'ERROR', number: 17 };

/** Severity of a level name ("INFO", "warning") or pino number (30); unknown names keep their text. */
export function severityFromLevel(level: unknown): Severity {
  if (typeof level === 'number') {
    const name = PINO[level];
    return name === undefined ? UNSPECIFIED : { text: name, number: NUMBERS[name] ?? 0 };
  }
  if (typeof level !== 'string') return UNSPECIFIED;
  const text = level.trim().toUpperCase().slice(0, 32);
  if (text === '') return UNSPECIFIED;
  return { text, number: NUMBERS[text] ?? 0 };
}
