import type { IngestErrorItem, ListResponse } from '@nightjar/model';
import { endpoints } from '../../shared/api/endpoints';
import { useApi } from '../../shared/api/use-api';
import { PageHeader } from '../../shared/layout/page-header';
import { ApiView } from '../../shared/ui/api-view';
import { EmptyState } from '../../shared/ui/states';
import { IngestErrorsTable } from './ingest-errors-table';

const LIMIT = 200;

export function IngestErrorsPage() {
  const result = useApi<ListResponse<IngestErrorItem>>(endpoints.ingestErrors(LIMIT));
  return (
    <>
      <PageHeader title="Ingest errors" subtitle="Records the receivers rejected, newest first, with the reason and the start of the record" />
      <section className="card">
        <ApiView result={result} loadingLabel="Loading ingest errors…">
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState title="No ingest errors">Every record sent to the OTLP, Firehose and Telemetry endpoints was accepted.</EmptyState>
            ) : (
              <>
                <IngestErrorsTable items={data.items} />
                {data.items.length >= LIMIT && <div className="table-footer text-muted">Showing the newest {LIMIT}.</div>}
              </>
            )
          }
        </ApiView>
      </section>
    </>
  );
}
