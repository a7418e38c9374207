import type { RowBatch } from '@nightjar/model';

/**
 * Where receivers put rows. write() resolves only when every row is durable: the receiver
 * acknowledges the request after that and never before. It throws SinkOverloadedError when it
 * cannot take the rows now (the receiver answers 429 with Retry-After; nothing was accepted).
 */
export interface RowSink {
  write(batch: RowBatch): Promise<void>;
}
