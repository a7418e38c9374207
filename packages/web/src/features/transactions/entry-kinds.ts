// How each kind of transaction entry is named in lists (an HTTP route, a schedule, an upload...).
import type { TxEntry } from '@nightjar/model';

export const ENTRY_KIND_LABELS: Record<TxEntry['kind'], string> = {
  http: 'HTTP API',
  schedule: 'schedule',
  s3: 'S3 upload',
  message: 'message',
  invoke: 'direct invoke',
  unknown: 'unknown entry',
};
