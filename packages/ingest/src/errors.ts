// The ingest boundary's errors: each carries the HTTP status the receiver answers with.

export class IngestHttpError extends Error {
  override name = 'IngestHttpError';
  constructor(
    readonly status: number,
    message: string,
    /** Seconds a client should wait before retrying (429/503 only). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** Thrown by a RowSink when it cannot take more rows right now; answered 429 + Retry-After. */
export class SinkOverloadedError extends Error {
  override name = 'SinkOverloadedError';
  constructor(
    message: string,
    readonly retryAfterSeconds = 1,
  ) {
    super(message);
  }
}
