import type { Transaction } from '@nightjar/model';
import {
  BaseEdge,
  Controls,
  EdgeLabelRenderer,
  getBezierPath,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  type Edge,
  type EdgeProps,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { useEffect, useMemo, useRef, useState } from 'react';
import { LoadingState } from '../../shared/ui/states';
import { edgeId, elkGraph, flowElements, pickLayout, roundedPath, type TxEdgeData, type TxNodeData } from './graph-layout';
import { countText, NODE_KINDS } from './node-kinds';

type TxFlowNode = Node<TxNodeData, 'tx'>;
type TxFlowEdge = Edge<TxEdgeData, 'tx'>;

const elk = new ELK();

function TxNodeView({ data }: NodeProps<TxFlowNode>) {
  const n = data.node;
  const kind = NODE_KINDS[n.type];
  const cls = ['tx-node', `type-${n.type}`, `status-${n.status}`, data.selected ? 'is-selected' : '', data.rootCause ? 'is-root-cause' : '', data.firstFailure ? 'is-first-failure' : ''].join(' ');
  return (
    <div className={cls} data-testid="tx-node" data-node-id={n.id} data-status={n.status} title={`${kind.word} ${n.name}`}>
      <Handle type="target" position={Position.Left} className="tx-handle" isConnectable={false} />
      {(data.rootCause || data.firstFailure || !n.traced) && (
        <div className="tx-node-tags">
          {data.rootCause && <span className="tx-tag tag-root-cause">root cause</span>}
          {data.firstFailure && <span className="tx-tag tag-first-failure">first failure</span>}
          {!n.traced && (
            <span className="tx-tag tag-untraced" title="Known only from platform logs: no tracer in this function">
              no tracer
            </span>
          )}
        </div>
      )}
      {n.versions.length > 0 && (
        <span className={`tx-node-version ${n.versions.length > 1 ? 'is-several' : ''}`} title={n.versions.length > 1 ? 'Several versions ran in this transaction' : 'Function version'}>
          v{n.versions.join(', v')}
        </span>
      )}
      <div className="tx-node-head">
        <span className={`tx-badge badge-${n.type}`} aria-label={kind.word}>
          {kind.badge}
        </span>
        <span className="tx-node-name">{n.name}</span>
      </div>
      <div className="tx-node-meta">
        <span>{countText(n)}</span>
        {n.errors > 0 && <span className="tx-node-errors">{n.errors} failed</span>}
      </div>
      <Handle type="source" position={Position.Right} className="tx-handle" isConnectable={false} />
    </div>
  );
}

function TxEdgeView({ id, data, sourceX, sourceY, targetX, targetY, markerEnd }: EdgeProps<TxFlowEdge>) {
  const bezier = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition: Position.Right, targetPosition: Position.Left });
  const routed = data && data.points.length >= 2;
  const path = routed ? roundedPath(data.points) : bezier[0];
  const lx = routed && data.labelX !== null ? data.labelX : bezier[1];
  const ly = routed && data.labelY !== null ? data.labelY : bezier[2];
  const status = data?.edge.status ?? 'unknown';
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={`tx-edge-path status-${status}`} />
      {data && (
        <EdgeLabelRenderer>
          <div
            className={`tx-edge-label status-${status}`}
            data-testid="tx-edge"
            data-from={data.edge.from}
            data-to={data.edge.to}
            data-status={status}
            style={{ transform: `translate(-50%, -50%) translate(${lx}px, ${ly}px)` }}
          >
            {data.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

const nodeTypes = { tx: TxNodeView };
const edgeTypes = { tx: TxEdgeView };

/** The transaction's nodes and edges, laid out by ELK left to right; click a node to select it. */
export function TxGraph({ tx, selectedId, onSelect }: { tx: Transaction; selectedId: string | null; onSelect: (nodeId: string) => void }) {
  const box = useRef<HTMLDivElement>(null);
  // Layout depends only on which nodes and edges exist: refreshes that change counts keep positions.
  const shapeKey = useMemo(() => `${tx.nodes.map((n) => n.id).join('|')}#${tx.edges.map(edgeId).join('|')}`, [tx.nodes, tx.edges]);
  const [laid, setLaid] = useState<{ key: string; graph: ElkNode } | null>(null);
  const [layoutError, setLayoutError] = useState<string | null>(null);
  const shapeRef = useRef(tx);
  shapeRef.current = tx;

  useEffect(() => {
    let live = true;
    const el = box.current;
    const view = { width: el?.clientWidth || 1100, height: el?.clientHeight || 500 };
    const shape = shapeRef.current;
    Promise.all([elk.layout(elkGraph(shape)), elk.layout(elkGraph(shape, view.width / view.height))]).then(
      ([straight, wrapped]) => {
        if (live) setLaid({ key: shapeKey, graph: pickLayout(straight, wrapped, view) });
      },
      (err: unknown) => {
        if (live) setLayoutError(err instanceof Error ? err.message : String(err));
      },
    );
    return () => {
      live = false;
    };
  }, [shapeKey]);

  const elements = useMemo(() => {
    if (!laid) return null;
    const { nodes, edges } = flowElements(tx, laid.graph, selectedId);
    const flowEdges: TxFlowEdge[] = edges.map((e) => ({
      ...e,
      markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: e.data.edge.status === 'error' ? '#cc2936' : '#8b93a3' },
      zIndex: e.data.edge.status === 'error' ? 1 : 0,
    }));
    return { nodes: nodes as TxFlowNode[], edges: flowEdges };
  }, [tx, laid, selectedId]);

  return (
    <div className="tx-graph" data-testid="tx-graph" ref={box}>
      {layoutError !== null ? (
        <div className="state state-error">Could not lay out the graph: {layoutError}</div>
      ) : elements === null ? (
        <LoadingState label="Laying out the graph…" />
      ) : (
        <ReactFlow<TxFlowNode, TxFlowEdge>
          key={laid?.key}
          nodes={elements.nodes}
          edges={elements.edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodeClick={(_, node) => onSelect(node.id)}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          edgesFocusable={false}
          onInit={(flow) => {
            // Fit what ELK laid out, routes included (a wrapped flow's edges run beside the nodes).
            const g = laid?.graph;
            if (g?.width && g.height) void flow.fitBounds({ x: 0, y: 0, width: g.width, height: g.height }, { padding: 0.02 });
            else void flow.fitView({ padding: 0.04, maxZoom: 1.1 });
          }}
          minZoom={0.15}
          maxZoom={2}
        >
          <Controls showInteractive={false} position="bottom-left" />
        </ReactFlow>
      )}
    </div>
  );
}
