// /service-map: every function, route, schedule, resource and external host seen in the window, and
// the calls between them, laid out left to right with the transaction graph's component. A filter
// box highlights nodes by name, a toggle hides external hosts, a click opens a node's figures.
import type { ServiceMap, ServiceMapEdge, ServiceMapNode } from '@nightjar/model';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { endpoints } from '../../shared/api/endpoints';
import { useApi } from '../../shared/api/use-api';
import { formatCount } from '../../shared/format/format-number';
import { PageHeader } from '../../shared/layout/page-header';
import { rangeLabel } from '../../shared/time-range/time-range';
import { useTimeWindow } from '../../shared/time-range/use-time-window';
import { ApiView } from '../../shared/ui/api-view';
import { EmptyState } from '../../shared/ui/states';
import { LayeredGraph } from '../transactions/layered-graph';
import { highlighted, mapEdgeLabel, mapEdgeTone, mapTotals, visibleMap } from './service-map-model';
import { MAP_NODE_SIZE, ServiceMapNodeBox } from './service-map-node';
import { ServiceMapPanel } from './service-map-panel';
import './service-map.css';

/** View state kept in the URL (?q=&hosts=hide&node=) so a shared link shows the same map. */
function useMapState() {
  const [params, setParams] = useSearchParams();
  const set = useCallback(
    (patch: Record<string, string | null>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === null || v === '') next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { q: params.get('q') ?? '', hideHttp: params.get('hosts') === 'hide', node: params.get('node'), set };
}

export function ServiceMapPage() {
  const win = useTimeWindow();
  const result = useApi<ServiceMap>(endpoints.serviceMap(win), `service-map|${win.range}`);
  return (
    <div className="map-page" data-testid="service-map-page">
      <PageHeader title="Service map" subtitle={`Functions, resources and hosts that called each other in the last ${rangeLabel(win.range)}`} />
      <ApiView result={result} loadingLabel="Building the service map…">
        {(map) =>
          map.nodes.length === 0 ? (
            <section className="card">
              <EmptyState title={`Nothing called anything in the last ${rangeLabel(win.range)}`}>
                The map is drawn from traces: send them with the Nightjar tracer (or any OTel SDK) to http://localhost:4318, or run the demo (npm start -- --demo), then widen the time range.
              </EmptyState>
            </section>
          ) : (
            <MapView map={map} />
          )
        }
      </ApiView>
    </div>
  );
}

function MapView({ map }: { map: ServiceMap }) {
  const state = useMapState();
  const shown = useMemo(() => visibleMap(map, { hideHttp: state.hideHttp }), [map, state.hideHttp]);
  const lit = useMemo(() => highlighted(shown, state.q), [shown, state.q]);
  const totals = mapTotals(map);
  const selected = shown.nodes.find((n) => n.id === state.node) ?? null;
  const select = (id: string) => state.set({ node: id === state.node ? null : id });

  const renderNode = (n: ServiceMapNode) => <ServiceMapNodeBox node={n} selected={n.id === selected?.id} dim={lit !== null && !lit.has(n.id)} />;
  const renderLabel = (e: ServiceMapEdge) =>
    e.errors > 0 ? (
      <>
        {formatCount(e.count)} · <span className="map-edge-errors">{formatCount(e.errors)} failed</span>
      </>
    ) : (
      formatCount(e.count)
    );
  const tone = useCallback((e: ServiceMapEdge) => mapEdgeTone(e, lit), [lit]);
  const attrs = useCallback((e: ServiceMapEdge) => ({ 'data-testid': 'service-map-edge', 'data-from': e.from, 'data-to': e.to, 'data-errors': String(e.errors) }), []);

  return (
    <>
      <div className="toolbar">
        <form className="filters" onSubmit={(e) => e.preventDefault()}>
          <input
            type="search"
            className="input search-input"
            placeholder="Highlight nodes by name…"
            value={state.q}
            onChange={(e) => state.set({ q: e.target.value })}
            aria-label="Highlight nodes by name"
            data-testid="service-map-filter"
          />
          <label className="checkbox-field">
            <input type="checkbox" checked={state.hideHttp} onChange={(e) => state.set({ hosts: e.target.checked ? 'hide' : null })} data-testid="service-map-hide-http" />
            Hide external hosts{totals.hosts > 0 ? ` (${totals.hosts})` : ''}
          </label>
        </form>
        <span className="text-muted small">
          {totals.functions} function{totals.functions === 1 ? '' : 's'} · {map.nodes.length} nodes · {map.edges.length} edges
          {totals.failingNodes > 0 && <span className="text-bad"> · {totals.failingNodes} failing</span>}
          {lit !== null && <> · {lit.size} match{lit.size === 1 ? '' : 'es'}</>}
        </span>
      </div>
      <section className="card map-main">
        {shown.nodes.length === 0 ? (
          <EmptyState title="Only external hosts were called">Show external hosts to see them.</EmptyState>
        ) : (
          <LayeredGraph<ServiceMapNode, ServiceMapEdge>
            graph={shown}
            nodeSize={MAP_NODE_SIZE}
            renderNode={renderNode}
            edgeLabel={mapEdgeLabel}
            renderEdgeLabel={renderLabel}
            edgeTone={tone}
            edgeAttributes={attrs}
            onSelect={select}
            className="map-graph"
            testId="service-map"
          />
        )}
      </section>
      {selected ? (
        <ServiceMapPanel map={shown} node={selected} onSelect={(id) => state.set({ node: id })} onClose={() => state.set({ node: null })} />
      ) : (
        <div className="card state state-empty map-hint">Click a node to see its figures and the calls into and out of it.</div>
      )}
    </>
  );
}
