// USD costs: Lambda invocations cost fractions of a micro-dollar, so small values keep three
// significant digits ("$0.0000021") while totals read like money ("$12.35").

export function formatCost(usd: number | null | undefined): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return '—';
  if (usd === 0) return '$0';
  if (usd < 0) return `-${formatCost(-usd)}`;
  if (usd >= 1) return `$${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const decimals = Math.min(12, Math.max(2, Math.ceil(-Math.log10(usd)) + 2));
  const fixed = usd.toFixed(decimals);
  return `$${fixed.replace(/0+$/, '').replace(/\.$/, '')}`;
}
