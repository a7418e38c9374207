// Estimated cost of one invocation from its billed duration and memory.
//
// Prices: AWS Lambda list prices for us-east-1, first pricing tier (x86_64: first 6 billion GB-s a
// month; arm64: first 7.5 billion), excluding the free tier, Savings Plans, ephemeral storage above
// 512 MB, provisioned concurrency and SnapStart cache/restore-per-GB charges. Unchanged since arm64
// launched (2021-09-29); checked against the public price page in 2025.
//
// INIT billing: since 2025-08-01 AWS bills the INIT phase of on-demand invocations of ZIP functions on
// managed runtimes like any other duration (before, it was free for them; container images, custom
// runtimes and provisioned concurrency always paid for it). The REPORT line's "Billed Duration" now
// includes the init time of a cold start (e.g. Duration 600000.00 ms + Init Duration 476.75 ms is
// reported as Billed Duration 600477 ms), so the billed duration is charged as is and init is never
// added a second time. For reports from before that date the billed duration printed then (without
// init) is what was charged, so the same rule holds. SnapStart's "Billed Restore Duration" is billed as
// duration too and is added when known.

export type Architecture = 'x86_64' | 'arm64';

/** When the prices below were last checked against aws.amazon.com/lambda/pricing. */
export const LAMBDA_PRICES_AS_OF = '2025-08-01';
export const LAMBDA_PRICE_REGION = 'us-east-1';
/** USD per request ($0.20 per million). */
export const LAMBDA_REQUEST_PRICE_USD = 0.0000002;
/** USD per GB-second of billed duration, first tier. */
export const LAMBDA_GB_SECOND_PRICE_USD: Record<Architecture, number> = {
  x86_64: 0.0000166667,
  arm64: 0.0000133334,
};

export interface CostInput {
  billedDurationMs: number;
  memorySizeMb: number;
  /** Unknown (null) is priced as x86_64, the default architecture and the higher price. */
  architecture: Architecture | null;
  billedRestoreDurationMs?: number | null;
}

/** Request price + GB-seconds x price; 0 for nonsensical (negative, non-finite) input. */
export function estimateCostUsd(input: CostInput): number {
  const { billedDurationMs, memorySizeMb } = input;
  if (!Number.isFinite(billedDurationMs) || !Number.isFinite(memorySizeMb)) return 0;
  if (billedDurationMs < 0 || memorySizeMb <= 0) return 0;
  const restore = input.billedRestoreDurationMs;
  const billedMs = billedDurationMs + (restore !== undefined && restore !== null && Number.isFinite(restore) && restore > 0 ? restore : 0);
  const gbSeconds = (memorySizeMb / 1024) * (billedMs / 1000);
  const price = LAMBDA_GB_SECOND_PRICE_USD[input.architecture ?? 'x86_64'];
  const cost = LAMBDA_REQUEST_PRICE_USD + gbSeconds * price;
  return Number.isFinite(cost) ? cost : 0;
}
