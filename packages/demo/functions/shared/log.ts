// Structured application log lines (one JSON object per line), next to plain console.log lines.
type Level = 'info' | 'warn' | 'error';

export function logJson(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, message, ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}

export function errorFields(err: unknown): Record<string, string> {
  return err instanceof Error ? { errorType: err.name, errorMessage: err.message } : { errorType: 'Unknown', errorMessage: String(err) };
}
