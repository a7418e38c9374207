// One Firehose record straight to rows: decode, then parse every payload it carries. A bad record
// becomes one IngestErrorRow in the batch.
import { emptyBatch } from '@nightjar/model';
import type { RowBatch } from '@nightjar/model';
import { decodeCloudWatchRecord } from './cloudwatch-record.ts';
import type { RecordOptions } from './cloudwatch-record.ts';
import { parseCloudWatchPayload } from './cloudwatch-payload.ts';
import type { CloudWatchContext } from './cloudwatch-payload.ts';

export function appendBatch(into: RowBatch, from: RowBatch): void {
  into.spans.push(...from.spans);
  into.logs.push(...from.logs);
  into.invocations.push(...from.invocations);
  into.metrics.push(...from.metrics);
  into.ingestErrors.push(...from.ingestErrors);
}

export function parseFirehoseRecord(data: unknown, ctx: CloudWatchContext, options: RecordOptions = {}): RowBatch {
  const decoded = decodeCloudWatchRecord(data, options);
  const batch = emptyBatch();
  if (!decoded.ok) {
    batch.ingestErrors.push({ project: ctx.project, timeNs: ctx.receivedNs, source: 'firehose', reason: decoded.reason, sample: decoded.sample });
    return batch;
  }
  for (const payload of decoded.payloads) appendBatch(batch, parseCloudWatchPayload(payload, ctx));
  return batch;
}
