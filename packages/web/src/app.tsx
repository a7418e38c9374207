import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { FunctionPage } from './features/functions/function-page';
import { FunctionsPage } from './features/functions/functions-page';
import { IngestErrorsPage } from './features/ingest-errors/ingest-errors-page';
import { InvocationPage } from './features/invocations/invocation-page';
import { LogsPage } from './features/logs/logs-page';
import { TracePage } from './features/traces/trace-page';
import { TransactionListPage } from './features/transactions/transaction-list-page';
import { AppLayout } from './shared/layout/app-layout';
import { NotFoundPage } from './shared/layout/not-found-page';
import { RefreshProvider } from './shared/refresh/refresh-provider';
import { LoadingState } from './shared/ui/states';

// The transaction page and the service map bring the graph libraries (React Flow, ELK): loaded when first opened.
const TransactionPage = lazy(() => import('./features/transactions/transaction-page').then((m) => ({ default: m.TransactionPage })));
const ServiceMapPage = lazy(() => import('./features/service-map/service-map-page').then((m) => ({ default: m.ServiceMapPage })));

export function App() {
  return (
    <BrowserRouter>
      <RefreshProvider>
        <Routes>
          <Route element={<AppLayout />}>
            <Route index element={<FunctionsPage />} />
            <Route path="functions/:name" element={<FunctionPage />} />
            <Route path="functions/:name/invocations/:requestId" element={<InvocationPage />} />
            <Route path="traces/:traceId" element={<TracePage />} />
            <Route path="transactions" element={<TransactionListPage />} />
            <Route
              path="transactions/:id"
              element={
                <Suspense fallback={<LoadingState label="Loading…" />}>
                  <TransactionPage />
                </Suspense>
              }
            />
            <Route
              path="service-map"
              element={
                <Suspense fallback={<LoadingState label="Loading…" />}>
                  <ServiceMapPage />
                </Suspense>
              }
            />
            <Route path="logs" element={<LogsPage />} />
            <Route path="ingest-errors" element={<IngestErrorsPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </RefreshProvider>
    </BrowserRouter>
  );
}
