// The store boundary's errors. Callers map StoreOverloadedError to 429/503 + Retry-After; anything
// else from the store is a StoreError (the cause keeps the ClickHouse error).

export class StoreError extends Error {
  override name = 'StoreError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Thrown synchronously by writer.write() when accepting the batch would exceed maxPendingRows.
 * Nothing of the batch was accepted: the caller answers 429/503 with Retry-After and the client
 * sends the same data again.
 */
export class StoreOverloadedError extends StoreError {
  override name = 'StoreOverloadedError';
  constructor(
    message: string,
    /** Seconds a client should wait before retrying. */
    readonly retryAfterSeconds = 1,
  ) {
    super(message);
  }
}
