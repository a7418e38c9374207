// SQS partial batch responses (ReportBatchItemFailures): each record is processed on its own; the
// failed ones are reported for redelivery. When every record failed, the first error is thrown so
// the invocation itself fails (and shows up as a function error).
import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { errorFields, logJson } from './log.ts';

export async function processSqsBatch(records: readonly SQSRecord[], processRecord: (record: SQSRecord) => Promise<void>): Promise<SQSBatchResponse> {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  let firstError: unknown;
  for (const record of records) {
    try {
      await processRecord(record);
    } catch (err) {
      logJson('error', 'message failed and will be redelivered', {
        messageId: record.messageId,
        receiveCount: record.attributes.ApproximateReceiveCount,
        ...errorFields(err),
      });
      if (failures.length === 0) firstError = err;
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  if (failures.length > 0 && failures.length === records.length) throw firstError;
  return { batchItemFailures: failures };
}
