// The one error this package throws: the request as a whole cannot be read (the caller answers 400).
// Records that are readable but invalid are not errors: they are rejected alone and counted.

export class OtlpDecodeError extends Error {
  /** Byte offset (protobuf) where the problem was found, or -1 when not applicable. */
  readonly offset: number;

  constructor(message: string, offset = -1) {
    super(offset >= 0 ? `${message} (at byte ${offset})` : message);
    this.name = 'OtlpDecodeError';
    this.offset = offset;
  }
}
