// One graph component for the transaction and the service map: ELK lays the nodes out left to right
// (wrapping long flows into rows when that reads larger), React Flow draws them with routed edges and
// labels. The caller draws each node's box and each edge's label; the layout stays while the shape
// (which nodes and edges exist) is the same, so refreshes that only change figures keep positions.
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
import type { ElkNode, ElkPoint } from 'elkjs/lib/elk-api';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { LoadingState } from '../../shared/ui/states';
import { edgeId, elkGraph, layoutElements, pickLayout, roundedPath, TX_NODE_SIZE, type EdgeKey, type GraphShape, type NodeSize } from './graph-layout';
import './layered-graph.css';

/** ok: grey, error: red and drawn on top, dim: faded (filtered out). */
export type EdgeTone = 'ok' | 'error' | 'unknown' | 'dim';

interface NodeData extends Record<string, unknown> {
  content: ReactNode;
}

interface EdgeData extends Record<string, unknown> {
  content: ReactNode;
  tone: EdgeTone;
  attrs: Record<string, string>;
  points: ElkPoint[];
  labelX: number | null;
  labelY: number | null;
}

type GraphFlowNode = Node<NodeData, 'box'>;
type GraphFlowEdge = Edge<EdgeData, 'routed'>;

const elk = new ELK();
const TONE_COLOUR: Record<EdgeTone, string> = { ok: '#8b93a3', unknown: '#8b93a3', error: '#cc2936', dim: '#d5d9e0' };

function BoxView({ data }: NodeProps<GraphFlowNode>) {
  return (
    <>
      <Handle type="target" position={Position.Left} className="graph-handle" isConnectable={false} />
      {data.content}
      <Handle type="source" position={Position.Right} className="graph-handle" isConnectable={false} />
    </>
  );
}

function RoutedEdgeView({ id, data, sourceX, sourceY, targetX, targetY, markerEnd }: EdgeProps<GraphFlowEdge>) {
  const bezier = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition: Position.Right, targetPosition: Position.Left });
  const routed = data && data.points.length >= 2;
  const path = routed ? roundedPath(data.points) : bezier[0];
  const lx = routed && data.labelX !== null ? data.labelX : bezier[1];
  const ly = routed && data.labelY !== null ? data.labelY : bezier[2];
  const tone = data?.tone ?? 'unknown';
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={`graph-edge-path tone-${tone}`} />
      {data && (
        <EdgeLabelRenderer>
          <div className={`graph-edge-label tone-${tone}`} {...data.attrs} style={{ transform: `translate(-50%, -50%) translate(${lx}px, ${ly}px)` }}>
            {data.content}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

const nodeTypes = { box: BoxView };
const edgeTypes = { routed: RoutedEdgeView };

export interface LayeredGraphProps<N extends { id: string }, E extends EdgeKey> {
  graph: GraphShape<N, E>;
  nodeSize?: NodeSize;
  /** The node's box (fills nodeSize; carries its own test ids and classes). */
  renderNode: (node: N) => ReactNode;
  /** Plain text of an edge's label: its width decides where the label fits. */
  edgeLabel: (edge: E) => string;
  /** The label's content when richer than its text (parts in colour). */
  renderEdgeLabel?: (edge: E) => ReactNode;
  edgeTone: (edge: E) => EdgeTone;
  /** Attributes of the label element (data-testid, data-*). */
  edgeAttributes?: (edge: E) => Record<string, string>;
  onSelect: (nodeId: string) => void;
  className: string;
  testId: string;
}

/** A layered left-to-right graph; click a node to select it. */
export function LayeredGraph<N extends { id: string }, E extends EdgeKey>(props: LayeredGraphProps<N, E>) {
  const { graph, renderNode, edgeLabel, renderEdgeLabel, edgeTone, edgeAttributes, onSelect } = props;
  const size = props.nodeSize ?? TX_NODE_SIZE;
  const box = useRef<HTMLDivElement>(null);
  const shapeKey = useMemo(() => `${size.width}x${size.height}#${graph.nodes.map((n) => n.id).join('|')}#${graph.edges.map(edgeId).join('|')}`, [graph.nodes, graph.edges, size.width, size.height]);
  const [laid, setLaid] = useState<{ key: string; graph: ElkNode } | null>(null);
  const [layoutError, setLayoutError] = useState<string | null>(null);
  const shapeRef = useRef({ graph, size });
  shapeRef.current = { graph, size };

  useEffect(() => {
    let live = true;
    const el = box.current;
    const view = { width: el?.clientWidth || 1100, height: el?.clientHeight || 500 };
    const shape = shapeRef.current;
    Promise.all([elk.layout(elkGraph(shape.graph, null, shape.size)), elk.layout(elkGraph(shape.graph, view.width / view.height, shape.size))]).then(
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

  // Positions come from the last layout of this shape; the boxes and labels from the current data.
  const current = laid !== null && laid.key === shapeKey ? laid : null;
  const elements = useMemo(() => {
    if (!current) return null;
    return layoutElements(graph, current.graph, { size, label: edgeLabel, labelFirst: (e) => edgeTone(e) === 'error' });
  }, [graph, current, size, edgeLabel, edgeTone]);

  const nodes: GraphFlowNode[] | null = elements
    ? elements.nodes.map((n) => ({ id: n.id, type: 'box', position: n.position, width: n.width, height: n.height, data: { content: renderNode(n.node) } }))
    : null;
  const edges: GraphFlowEdge[] | null = elements
    ? elements.edges.map((e) => {
        const tone = edgeTone(e.edge);
        return {
          id: e.id,
          type: 'routed',
          source: e.source,
          target: e.target,
          markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: TONE_COLOUR[tone] },
          zIndex: tone === 'error' ? 1 : 0,
          data: { content: renderEdgeLabel ? renderEdgeLabel(e.edge) : e.label, tone, attrs: edgeAttributes?.(e.edge) ?? {}, points: e.points, labelX: e.labelX, labelY: e.labelY },
        };
      })
    : null;

  return (
    <div className={`layered-graph ${props.className}`} data-testid={props.testId} ref={box}>
      {layoutError !== null ? (
        <div className="state state-error">Could not lay out the graph: {layoutError}</div>
      ) : nodes === null || edges === null ? (
        <LoadingState label="Laying out the graph…" />
      ) : (
        <ReactFlow<GraphFlowNode, GraphFlowEdge>
          key={current?.key}
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodeClick={(_, node) => onSelect(node.id)}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          edgesFocusable={false}
          onInit={(flow) => {
            // Fit what ELK laid out, routes included (a wrapped flow's edges run beside the nodes).
            const g = current?.graph;
            if (g?.width && g.height) void flow.fitBounds({ x: 0, y: 0, width: g.width, height: g.height }, { padding: 0.02 });
            else void flow.fitView({ padding: 0.04, maxZoom: 1.1 });
          }}
          minZoom={0.1}
          maxZoom={2}
        >
          <Controls showInteractive={false} position="bottom-left" />
        </ReactFlow>
      )}
    </div>
  );
}
