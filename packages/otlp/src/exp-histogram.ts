// An exponential histogram data point re-expressed in the explicit-bounds layout MetricRow uses
// (counts.length === bounds.length + 1; bucket i holds values in (bounds[i-1], bounds[i]]), so one
// quantile routine serves both histogram kinds. Bucket index i of scale s covers
// (base^i, base^(i+1)] with base = 2^(2^-s); negative buckets mirror that below zero, and the zero
// bucket sits between them. Nothing is lost except the exact zero threshold when buckets exist.

export interface ExplicitBuckets {
  bounds: number[];
  counts: number[];
}

function edge(index: number, scale: number): number {
  return Math.pow(2, index * Math.pow(2, -scale));
}

export function expToExplicit(
  scale: number,
  zeroCount: number,
  zeroThreshold: number,
  positiveOffset: number,
  positive: readonly number[],
  negativeOffset: number,
  negative: readonly number[],
): ExplicitBuckets {
  const bounds: number[] = [];
  const counts: number[] = [];
  if (negative.length > 0) {
    counts.push(0);
    bounds.push(-edge(negativeOffset + negative.length, scale));
    for (let k = negative.length - 1; k >= 0; k--) {
      counts.push(negative[k]!);
      bounds.push(-edge(negativeOffset + k, scale));
    }
  }
  counts.push(zeroCount);
  bounds.push(positive.length > 0 ? edge(positiveOffset, scale) : zeroThreshold);
  for (let k = 0; k < positive.length; k++) {
    counts.push(positive[k]!);
    bounds.push(edge(positiveOffset + k + 1, scale));
  }
  counts.push(0);
  return { bounds, counts };
}
