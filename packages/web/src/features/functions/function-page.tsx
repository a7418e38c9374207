import type { FunctionSeries, FunctionSummary, ListResponse } from '@nightjar/model';
import { useParams } from 'react-router';
import { endpoints } from '../../shared/api/endpoints';
import { useApi } from '../../shared/api/use-api';
import { PageHeader } from '../../shared/layout/page-header';
import { paths, withQuery } from '../../shared/links/paths';
import { RangeLink } from '../../shared/links/range-link';
import { rangeLabel, seriesStepSeconds } from '../../shared/time-range/time-range';
import { useTimeWindow } from '../../shared/time-range/use-time-window';
import { ApiView } from '../../shared/ui/api-view';
import { InvocationList } from '../invocations/invocation-list';
import { FunctionHeadline } from './function-headline';
import { ImpactPanel } from './impact-panel';
import { SeriesChart } from './series-chart';

export function FunctionPage() {
  const name = useParams().name ?? '';
  const win = useTimeWindow();
  const step = seriesStepSeconds(win.toMs - win.fromMs);
  const summary = useApi<ListResponse<FunctionSummary>>(endpoints.functions(win), `functions|${win.range}`);
  const series = useApi<FunctionSeries>(endpoints.functionSeries(name, win, step), `series|${name}|${win.range}`);
  const fn = summary.data?.items.find((f) => f.function === name);

  return (
    <>
      <PageHeader
        title={<span className="mono-title">{name}</span>}
        subtitle={`Last ${rangeLabel(win.range)}`}
        testId="function-header"
        actions={
          <RangeLink to={withQuery(paths.logs(), { function: name })} className="btn">
            View logs
          </RangeLink>
        }
      />
      <ApiView result={summary} loadingLabel="Loading figures…">
        {() => <FunctionHeadline summary={fn ?? null} />}
      </ApiView>
      <ImpactPanel name={name} window={win} range={win.range} />
      <section className="card">
        <div className="card-header">
          <h2 className="card-title">Invocations, errors and p95 duration</h2>
          <span className="card-meta">per {step >= 3600 ? `${step / 3600} h` : `${step / 60} min`}</span>
        </div>
        <ApiView result={series} loadingLabel="Loading chart…">
          {(data) => <SeriesChart series={data} fromMs={win.fromMs} toMs={win.toMs} />}
        </ApiView>
      </section>
      <InvocationList functionName={name} window={win} />
    </>
  );
}
