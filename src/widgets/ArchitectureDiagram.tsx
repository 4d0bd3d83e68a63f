import { useMemo } from 'react';
import * as d3 from 'd3';
import { formatArchShape } from '../core/architecture';
import './ArchitectureDiagram.css';

/** One top-level layer or block; `ArchRow` from core/architectureAnalysis fits as is. */
export interface ArchitectureDiagramRow {
  label: string;
  /** The layer kind, e.g. "conv2d" or "concat"; shown in the table's title attribute only. */
  kind?: string;
  /** HWC or [units]; empty when unknown. */
  inputShape: readonly number[];
  /** HWC or [units]; empty when unknown. */
  outputShape: readonly number[];
  params: number;
}

/** What the diagram draws; `ArchitectureAnalysis` from core/architectureAnalysis fits as is. */
export interface ArchitectureDiagramData {
  name: string;
  /** HWC; drawn as the first block. */
  inputShape: readonly number[];
  layers: readonly ArchitectureDiagramRow[];
  totalParams: number;
}

export interface ArchitectureDiagramProps {
  analysis: ArchitectureDiagramData;
  /** Caption (default: `analysis.name`). */
  title?: string;
  /**
   * Draw every row, including those that keep the shape and have no parameters (ReLU,
   * dropout, LRN, an identity pool). Default false; the table always lists every row.
   */
  showAllLayers?: boolean;
  /** Whether the layer table starts expanded (default false). */
  tableOpen?: boolean;
  /** Drawing width in CSS pixels (default 640); it scales down to fit. */
  widthPx?: number;
}

const PAD = 12;
const BLOCK_COLUMN_PX = 160;
const MIN_SIDE_PX = 8;
const MIN_DEPTH_PX = 3;
const MAX_DEPTH_PX = 28;
const TEXT_ROW_PX = 34;
const GAP_PX = 10;
const PARAM_BAR_MAX_PX = 150;
const TOTAL_PX = 30;

const formatCount = d3.format(',');

interface Block {
  key: string;
  label: string;
  shape: readonly number[];
  params: number;
  isInput: boolean;
  y: number;
  rowHeight: number;
  width: number;
  height: number;
}

/** [spatial side, depth] of a shape: HWC → [max(h, w), c]; a vector of n → [1, n]; unknown → null. */
function sideAndDepth(shape: readonly number[]): [number, number] | null {
  const [a, b, c] = shape;
  if (shape.length === 3 && a !== undefined && b !== undefined && c !== undefined) return [Math.max(a, b), c];
  if (shape.length === 1 && a !== undefined) return [1, a];
  return null;
}

function keepsShapeWithoutParams(row: ArchitectureDiagramRow): boolean {
  const { inputShape: input, outputShape: output } = row;
  return (
    row.params === 0 &&
    output.length > 0 &&
    input.length === output.length &&
    input.every((size, i) => size === output[i])
  );
}

/** A block's classes: the input is grey; a block whose shape is unknown gets a dashed warning edge. */
function volumeClassName(isInput: boolean, known: boolean): string {
  return ['arch-diagram__volume', isInput && 'arch-diagram__volume--input', !known && 'arch-diagram__volume--unknown']
    .filter(Boolean)
    .join(' ');
}

/** The accessible name, e.g. "AlexNet: 22 layers from 224×224×3 to 1000, 61,100,840 parameters." */
function architectureSummary(analysis: ArchitectureDiagramData): string {
  const last = analysis.layers[analysis.layers.length - 1];
  const output = last ? formatArchShape(last.outputShape) : formatArchShape(analysis.inputShape);
  const count = analysis.layers.length;
  return (
    `${analysis.name}: ${count} ${count === 1 ? 'layer' : 'layers'} from ${formatArchShape(analysis.inputShape)} ` +
    `to ${output}, ${formatCount(analysis.totalParams)} parameters.`
  );
}

/**
 * A network as a column of blocks, one per top-level layer or block, input at the top. A
 * block's width encodes the spatial side of its output (log scale, so 224 and 7 both stay
 * visible) and its height the channels or units (log scale); a vector of n values is drawn as
 * 1×1×n. Beside each block: its label, output shape and parameter count, and a bar whose
 * length is proportional to the parameters. Rows that keep the shape and have no parameters
 * are left out of the drawing unless `showAllLayers`. A table in a <details> lists every row
 * (`data-params` on each) and the total.
 */
export function ArchitectureDiagram({
  analysis,
  title,
  showAllLayers = false,
  tableOpen = false,
  widthPx = 640,
}: ArchitectureDiagramProps) {
  const caption = title ?? analysis.name;

  const layout = useMemo(() => {
    const drawn = analysis.layers
      .map((row, index) => ({ row, index }))
      .filter(({ row }) => showAllLayers || !keepsShapeWithoutParams(row));
    const items = [
      { key: 'input', label: 'input', shape: analysis.inputShape, params: 0, isInput: true },
      ...drawn.map(({ row, index }) => ({
        key: String(index),
        label: row.label,
        shape: row.outputShape,
        params: row.params,
        isInput: false,
      })),
    ];
    const dims = items.map((item) => sideAndDepth(item.shape));
    const maxSide = d3.max(dims, (d) => d?.[0]) ?? 1;
    const maxDepth = d3.max(dims, (d) => d?.[1]) ?? 1;
    const sideScale = d3
      .scaleLog()
      .domain([1, Math.max(2, maxSide)])
      .range([MIN_SIDE_PX, BLOCK_COLUMN_PX - 8])
      .clamp(true);
    const depthScale = d3
      .scaleLog()
      .domain([1, Math.max(2, maxDepth)])
      .range([MIN_DEPTH_PX, MAX_DEPTH_PX])
      .clamp(true);
    const maxParams = d3.max(items, (item) => item.params) ?? 0;
    const paramScale = d3.scaleLinear([0, Math.max(1, maxParams)], [0, PARAM_BAR_MAX_PX]);

    let y = PAD;
    const blocks: Block[] = items.map((item, i) => {
      const dim = dims[i] ?? null;
      const width = dim ? sideScale(dim[0]) : MIN_SIDE_PX;
      const height = dim ? depthScale(dim[1]) : MIN_DEPTH_PX;
      const rowHeight = Math.max(height, TEXT_ROW_PX);
      const block = { ...item, y, rowHeight, width, height };
      y += rowHeight + GAP_PX;
      return block;
    });
    return { blocks, paramScale, heightPx: y + TOTAL_PX, hidden: analysis.layers.length - drawn.length };
  }, [analysis, showAllLayers]);

  const blockCx = PAD + BLOCK_COLUMN_PX / 2;
  const textX = PAD + BLOCK_COLUMN_PX + 14;
  const barX = Math.max(textX + 230, widthPx - PAD - PARAM_BAR_MAX_PX);

  return (
    <figure className="arch-diagram" data-testid="architecture-diagram" data-total-params={analysis.totalParams}>
      <figcaption className="arch-diagram__caption">{caption}</figcaption>
      <svg
        className="arch-diagram__svg"
        width={widthPx}
        height={layout.heightPx}
        viewBox={`0 0 ${widthPx} ${layout.heightPx}`}
        role="img"
        aria-label={architectureSummary(analysis)}
      >
        <g className="arch-diagram__drawing" aria-hidden="true" fontSize={12}>
          {layout.blocks.map((block, i) => {
            const next = layout.blocks[i + 1];
            const cy = block.y + block.rowHeight / 2;
            const known = block.shape.length > 0;
            return (
              <g key={block.key} className="arch-diagram__block" data-shape={formatArchShape(block.shape)}>
                {next && (
                  <line
                    className="arch-diagram__link"
                    x1={blockCx}
                    x2={blockCx}
                    y1={cy + block.height / 2}
                    y2={next.y + next.rowHeight / 2 - next.height / 2}
                    strokeWidth={1}
                  />
                )}
                <rect
                  className={volumeClassName(block.isInput, known)}
                  x={blockCx - block.width / 2}
                  y={cy - block.height / 2}
                  width={block.width}
                  height={block.height}
                  strokeDasharray={known ? undefined : '3 2'}
                />
                <text x={textX} y={cy - 4} fontWeight={600}>
                  {block.label}
                </text>
                <text className="arch-diagram__shape" x={textX} y={cy + 11}>
                  {block.isInput
                    ? formatArchShape(block.shape)
                    : `${formatArchShape(block.shape)} · ${formatCount(block.params)} ${block.params === 1 ? 'parameter' : 'parameters'}`}
                </text>
                {block.params > 0 && (
                  <rect
                    className="arch-diagram__param-bar"
                    x={barX}
                    y={cy - 4}
                    width={Math.max(1, layout.paramScale(block.params))}
                    height={8}
                  />
                )}
              </g>
            );
          })}
          <text x={textX} y={layout.heightPx - PAD} fontWeight={700}>
            {`Total: ${formatCount(analysis.totalParams)} parameters`}
          </text>
        </g>
      </svg>
      <p className="arch-diagram__note">
        Block width: spatial size of the output; height: channels or units (both on log scales). Bars: parameters.
        {layout.hidden > 0 &&
          ` ${layout.hidden} ${layout.hidden === 1 ? 'row' : 'rows'} that keep the shape and have no parameters (such as ReLU and dropout) appear only in the table.`}
      </p>
      <details className="arch-diagram__details" open={tableOpen}>
        <summary>{`All ${analysis.layers.length} layers: output shapes and parameters`}</summary>
        <table className="arch-diagram__table">
          <caption className="sr-only">{`${caption}: layers, output shapes and parameters`}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Layer</th>
              <th scope="col">Output shape</th>
              <th scope="col">Parameters</th>
            </tr>
          </thead>
          <tbody>
            <tr className="arch-diagram__input-row">
              <td />
              <th scope="row">input</th>
              <td>{formatArchShape(analysis.inputShape)}</td>
              <td>0</td>
            </tr>
            {analysis.layers.map((row, index) => (
              <tr key={index} data-params={row.params} data-kind={row.kind}>
                <td>{index + 1}</td>
                <th scope="row">{row.label}</th>
                <td>{formatArchShape(row.outputShape)}</td>
                <td>{formatCount(row.params)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td />
              <th scope="row">Total</th>
              <td>
                {formatArchShape(analysis.layers[analysis.layers.length - 1]?.outputShape ?? analysis.inputShape)}
              </td>
              <td data-total-params={analysis.totalParams}>{formatCount(analysis.totalParams)}</td>
            </tr>
          </tfoot>
        </table>
      </details>
    </figure>
  );
}
