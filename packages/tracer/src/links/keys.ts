// Stitching key formats (design section 4). Producer and consumer sides build keys only through
// these functions, so the two sides cannot drift apart.

export const sqsKey = (messageId: string): string => `sqs:${messageId}`;
export const snsKey = (messageId: string): string => `sns:${messageId}`;
export const eventsKey = (eventId: string): string => `events:${eventId}`;
export const kinesisKey = (stream: string, shardId: string, sequenceNumber: string): string =>
  `kinesis:${stream}:${shardId}:${sequenceNumber}`;
/** `hash` is `dynamoHash(...)` of an item or of its key attributes. */
export const ddbKey = (table: string, hash: string): string => `ddb:${table}:${hash}`;
export const s3Key = (bucket: string, objectKey: string, requestId: string): string => `s3:${bucket}/${objectKey}:${requestId}`;
export const lambdaKey = (requestId: string): string => `lambda:${requestId}`;
/** Step Functions: the id the tracer adds to a handler's output (opt-in). */
export const sfnKey = (id: string): string => `sfn:${id}`;
