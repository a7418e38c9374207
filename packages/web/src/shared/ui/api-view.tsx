import type { ReactNode } from 'react';
import type { ApiResult } from '../api/use-api';
import { ErrorState, LoadingState, StaleBanner } from './states';

/** Loading / error / data switch for one useApi result; keeps stale data visible on refresh errors. */
export function ApiView<T>({ result, children, loadingLabel }: { result: ApiResult<T>; children: (data: T) => ReactNode; loadingLabel?: string }) {
  if (result.data === undefined) {
    if (result.error !== undefined) return <ErrorState message={result.error} onRetry={result.reload} />;
    return <LoadingState label={loadingLabel} />;
  }
  return (
    <>
      {result.error !== undefined && <StaleBanner message={result.error} />}
      {children(result.data)}
    </>
  );
}
