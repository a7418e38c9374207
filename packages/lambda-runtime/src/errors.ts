// The one error type of this package's boundary: bad configuration, unknown functions, use after close.

export class LocalLambdaError extends Error {
  override readonly name = 'LocalLambdaError';
}
