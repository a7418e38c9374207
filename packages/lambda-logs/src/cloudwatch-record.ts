// One Firehose record -> the CloudWatch Logs subscription payload(s) it carries.
// Records are base64 of gzip (what CloudWatch sends) or of the JSON itself (when Firehose's own
// decompression is on). A bad record comes back as a reason, never as a throw: the caller keeps it as
// an IngestErrorRow and goes on with the rest of the batch.
import { decodeBase64 } from './base64.ts';
import { gunzipBounded, isGzip } from './gunzip.ts';
import { splitJsonObjects } from './json-split.ts';
import { sampleOf } from './sample.ts';
import { validatePayload } from './cloudwatch-types.ts';
import { safeStringify } from './json-app-line.ts';
import type { CloudWatchLogsPayload } from './cloudwatch-types.ts';

/** Default cap on one record's decompressed size (a Firehose record is at most 1000 KiB compressed). */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 16 * 1024 * 1024;

export interface RecordOptions {
  maxDecompressedBytes?: number;
}

export type CloudWatchRecordResult =
  | { ok: true; payloads: CloudWatchLogsPayload[] }
  | { ok: false; reason: string; sample: string };

function fail(reason: string, sample: string): CloudWatchRecordResult {
  return { ok: false, reason, sample: sampleOf(sample) };
}

/** Decode one record's `data` (base64) into subscription payloads, or say why it cannot be. */
export function decodeCloudWatchRecord(data: unknown, options: RecordOptions = {}): CloudWatchRecordResult {
  if (typeof data !== 'string') return fail('record data is not a string', safeStringify(data));
  const bytes = decodeBase64(data);
  if (bytes === null) return fail('record data is not base64', data);
  if (bytes.length === 0) return fail('record is empty', data);
  const limit = options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  let text: string;
  if (isGzip(bytes)) {
    const inflated = gunzipBounded(bytes, limit);
    if (!inflated.ok) return fail(inflated.reason, data);
    text = inflated.data.toString('utf8');
  } else {
    if (bytes.length > limit) return fail(`record exceeds the limit of ${limit} bytes`, data);
    text = bytes.toString('utf8');
  }
  const objects = splitJsonObjects(text);
  if (objects === null || objects.length === 0) return fail('record is neither gzip nor a JSON subscription payload', text);
  const payloads: CloudWatchLogsPayload[] = [];
  for (const objectText of objects) {
    let value: unknown;
    try {
      value = JSON.parse(objectText);
    } catch (err) {
      return fail(`record is not valid JSON: ${(err as Error).message}`, text);
    }
    const payload = validatePayload(value);
    if (typeof payload === 'string') return fail(`not a CloudWatch Logs subscription payload: ${payload}`, text);
    payloads.push(payload);
  }
  return { ok: true, payloads };
}
