// Explicit limits of the receivers. Every one is tested; every one can be changed at start-up.

export interface IngestLimits {
  /** Largest request body as sent on the wire (compressed or not). */
  maxBodyBytes: number;
  /** Largest body after Content-Encoding is undone; a gzip bomb stops here with 413. */
  maxDecompressedBytes: number;
  /** Largest decompressed CloudWatch Logs record inside a Firehose delivery. */
  maxRecordBytes: number;
}

export const DEFAULT_LIMITS: IngestLimits = {
  maxBodyBytes: 16 * 1024 * 1024,
  maxDecompressedBytes: 64 * 1024 * 1024,
  maxRecordBytes: 8 * 1024 * 1024,
};
