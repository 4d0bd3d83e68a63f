import { memo, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import * as d3 from 'd3';
import type { LayerSpec, ModelSpec } from '../core/modelSpec';
import { layerLabel } from '../core/shapes';
import type { LayerSnapshot, Snapshot } from '../protocol/messages';
import { scaleFor, type ColorScaleInfo } from '../render/colorScales';
import { channelOf } from '../render/heatmap';
import { legendGradient } from '../render/legendGradient';
import { significant } from '../render/numberFormat';
import { DigitCanvas } from './DigitCanvas';
import { HeatmapCanvas } from './HeatmapCanvas';
import type { TraceTarget } from './traceSnapshot';
import { LABEL_PX, mapCentre, overviewLayout, overviewLinks, shapeKey, type OverviewColumn } from './overviewLayout';
import { overviewRows } from './overviewRows';
import { useClassNaming } from '../hooks/useClassNaming';
import type { ClassNaming } from '../core/classNaming';
import './NetworkOverview.css';

interface Props {
  /** Activations of every spec layer for one input (plain arrays, no tensors). */
  snapshot: Snapshot;
  spec: ModelSpec;
  /** The picture's height in CSS px; its width is the container's. */
  heightPx?: number;
  /** A cell was clicked (or a map chosen with the keyboard: its centre cell). */
  onPick?: (cell: TraceTarget) => void;
  /** The traced cell, outlined. */
  picked?: TraceTarget | null;
}

/**
 * The layout's sizes are outer sizes: a canvas's 1 px border, and a map button's around it,
 * come off the canvas, so neighbouring maps keep their gap and the last one stays inside.
 */
const CANVAS_FRAME_PX = 2;
const BUTTON_FRAME_PX = 4;

/** Narrower than this the columns would overlap: the network runs top to bottom instead. */
const MIN_ACROSS_WIDTH_PX = 640;

/**
 * The whole network on one screen, left to right: the input digit, each layer's feature maps
 * (or units, or the ten probabilities), and faint links showing which maps feed which, strong
 * for the map under the pointer. In a box narrower than MIN_ACROSS_WIDTH_PX (a phone) it runs
 * top to bottom, the prediction beside the input.
 */
export function NetworkOverview({ snapshot, spec, heightPx = 380, onPick, picked = null }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const widthPx = useWidth(box);
  const layers = useMemo(
    () =>
      spec.layers.map((layer, i) => {
        const data = snapshot.layers.find((l) => l.layerIndex === i);
        return { layer, data, shape: data?.outputShape ?? [] };
      }),
    [snapshot, spec],
  );
  const down = widthPx < MIN_ACROSS_WIDTH_PX;
  const layout = useMemo(
    () => (down ? overviewRows(layers, widthPx) : overviewLayout(layers, widthPx, heightPx)),
    [layers, down, widthPx, heightPx],
  );
  const [hovered, setHovered] = useState<{ column: number; map: number } | null>(null);
  const links = useMemo(() => overviewLinks(layout, layers), [layout, layers]);

  return (
    <div className={`network-overview${down ? ' network-overview--down' : ''}`} ref={box}>
      <figure
        className="network-overview__figure"
        data-testid="network-overview"
        data-step={snapshot.step}
        style={{ width: layout.width, height: layout.height }}
      >
        <svg className="network-overview__links" width={layout.width} height={layout.height} aria-hidden="true">
          {links.map((l) => (
            <path
              key={l.key}
              d={l.d}
              className={
                hovered && l.touches(hovered.column, hovered.map) ? 'network-overview__link--strong' : undefined
              }
            />
          ))}
        </svg>
        {layout.columns.map((column, c) =>
          column.kind === 'input' ? (
            <InputColumn key="input" column={column} snapshot={snapshot} down={down} />
          ) : (
            <LayerColumn
              key={column.layer}
              column={column}
              layer={layers[column.layer]!.layer}
              data={layers[column.layer]!.data}
              down={down}
              onHover={(map) => setHovered(map === null ? null : { column: c, map })}
              onPick={onPick}
              picked={picked?.layer === column.layer ? picked : null}
            />
          ),
        )}
        {layout.onwardY !== undefined && (
          // What the links cannot show: the last row feeds the probabilities drawn beside the input.
          <p className="network-overview__onward" style={{ top: layout.onwardY }} aria-hidden="true">
            ↳ {shortName(spec.layers[spec.layers.length - 1]!)}: the prediction, at the top
          </p>
        )}
        <figcaption className="sr-only">
          {down
            ? 'The network, top to bottom, the prediction beside the input digit: '
            : 'The network, left to right: the input digit, then '}
          {layers.map(({ layer, shape }) => `${layerLabel(layer)} (${shape.join('×')})`).join(', ')}.
        </figcaption>
      </figure>
    </div>
  );
}

/** The container's width, measured before the first paint and followed as it changes. */
function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(960);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(Math.floor(element.clientWidth));
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** A column's box, absolutely placed in the overview. */
const boxStyle = (column: OverviewColumn) => ({
  left: column.x,
  top: column.y,
  width: column.width,
  height: column.height,
});

/** Where a column's body (or a point of it) sits inside the column's box. */
const within = (column: OverviewColumn, x = column.body.x, y = column.body.y) => ({
  left: x - column.x,
  top: y - column.y,
});

/** A column's name and shape: under it, on two lines, left to right; on the line above it, top to bottom. */
function ColumnName({
  column,
  down,
  title,
  children,
}: {
  column: OverviewColumn;
  down: boolean;
  title?: string;
  children: [string, string];
}) {
  const [name, shape] = children;
  return (
    <p className="network-overview__name" style={down ? undefined : { top: column.height - LABEL_PX }} title={title}>
      {name}
      {down ? ' · ' : <br />}
      {shape}
    </p>
  );
}

function InputColumn({ column, snapshot, down }: { column: OverviewColumn; snapshot: Snapshot; down: boolean }) {
  return (
    <div className="network-overview__column" data-testid="overview-input" style={boxStyle(column)}>
      <div style={{ position: 'absolute', ...within(column) }}>
        <DigitCanvas
          pixels={snapshot.input}
          label="The input digit, 28×28 pixels"
          sizePx={column.mapPx - CANVAS_FRAME_PX}
        />
      </div>
      <ColumnName column={column} down={down}>
        {['input', '28×28']}
      </ColumnName>
    </div>
  );
}

interface LayerColumnProps {
  column: OverviewColumn;
  layer: LayerSpec;
  data: LayerSnapshot | undefined;
  /** The network runs top to bottom: rows, their names above them. */
  down: boolean;
  onHover: (map: number | null) => void;
  onPick?: (cell: TraceTarget) => void;
  picked: TraceTarget | null;
}

const LayerColumn = memo(function LayerColumn({
  column,
  layer,
  data,
  down,
  onHover,
  onPick,
  picked,
}: LayerColumnProps) {
  const naming = useClassNaming();
  const scale = useMemo(() => (data ? scaleFor(data.activations) : null), [data]);
  const shapeText = column.shape.join('×');
  return (
    <div
      className="network-overview__column"
      data-testid="overview-layer"
      data-layer={column.layer}
      data-shape={shapeKey(column.shape)}
      style={boxStyle(column)}
    >
      <div className="network-overview__head">
        {scale && column.kind !== 'output' && (
          <ColumnLegend scale={scale} layer={column.layer} narrow={!down && column.width < WIDE_HEAD_PX} />
        )}
        {column.more > 0 && (
          <p className="network-overview__more" data-testid="overview-more" title={`${column.more} more maps`}>
            {!down && column.width < WIDE_HEAD_PX ? `+${column.more}` : `+ ${column.more} more`}
          </p>
        )}
      </div>
      {data && scale && column.kind === 'maps' && (
        <Maps column={column} data={data} scale={scale} down={down} {...{ onHover, onPick, picked }} />
      )}
      {data && scale && column.kind === 'units' && (
        <Units column={column} data={data} scale={scale} down={down} onPick={onPick} />
      )}
      {data && column.kind === 'output' && <Output column={column} data={data} onPick={onPick} />}
      <ColumnName column={column} down={down} title={layerLabel(layer)}>
        {[
          shortName(layer),
          down && data && column.kind === 'output' ? `${shapeText} · ${reading(data, naming)}` : shapeText,
        ]}
      </ColumnName>
    </div>
  );
});

/** Columns narrower than this show a short legend and "+N" (their neighbours are close). */
const WIDE_HEAD_PX = 64;

/**
 * The colour scale every map (or unit) of a column shares: a gradient from its low to its high
 * value, with both numbers (full precision in data attributes, for tests and tools).
 */
function ColumnLegend({ scale, layer, narrow }: { scale: ColorScaleInfo; layer: number; narrow: boolean }) {
  const [lo, hi] = scale.domain;
  const ramp = (
    <span className="network-overview__ramp" style={{ backgroundImage: legendGradient(scale) }} aria-hidden="true" />
  );
  return (
    <p
      className="network-overview__legend"
      data-testid="overview-legend"
      data-layer={layer}
      data-min={lo}
      data-max={hi}
      title={`Colours from ${significant(lo)} to ${significant(hi)}: ${scale.description}`}
    >
      {narrow ? (
        // Room for one number: the top of the scale (±m where it is signed, its bottom then being −m).
        <>
          {ramp}
          <span>{lo < 0 ? `±${significant(hi)}` : significant(hi)}</span>
        </>
      ) : (
        <>
          <span>{significant(lo)}</span>
          {ramp}
          <span>{significant(hi)}</span>
        </>
      )}
    </p>
  );
}

function Maps({
  column,
  data,
  scale,
  onHover,
  onPick,
  picked,
}: Omit<LayerColumnProps, 'layer' | 'data'> & { data: LayerSnapshot; scale: ColorScaleInfo }) {
  const shape = data.outputShape as [number, number, number];
  const maps = useMemo(
    () => Array.from({ length: column.shown }, (_, ch) => channelOf(data.activations, shape, ch)),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the shape is part of data
    [data, column.shown],
  );
  const [rows, cols] = shape;
  const pick = (map: number) => (event: MouseEvent<HTMLButtonElement>) => {
    const canvas = event.currentTarget.querySelector('canvas');
    const rect = canvas?.getBoundingClientRect();
    // A keyboard press has no pointer position: the map's centre cell.
    const at = (offset: number, size: number, cells: number) =>
      event.detail === 0 || !size
        ? Math.floor(cells / 2)
        : Math.min(cells - 1, Math.max(0, Math.floor((offset / size) * cells)));
    const row = at(event.clientY - (rect?.top ?? 0), rect?.height ?? 0, rows);
    const col = at(event.clientX - (rect?.left ?? 0), rect?.width ?? 0, cols);
    onPick?.({ layer: column.layer, map, row, col });
  };
  return (
    <>
      {maps.map((values, map) => {
        const centre = mapCentre(column, map);
        const isPicked = picked?.map === map;
        return (
          <button
            key={map}
            type="button"
            className={`network-overview__map${isPicked ? ' network-overview__map--picked' : ''}`}
            // One tab stop a column: the trace's Page Up / Page Down reach the other maps.
            tabIndex={map === 0 ? 0 : -1}
            style={within(column, centre.x - column.mapPx / 2, centre.y - column.mapPx / 2)}
            title={`Map ${map + 1} of ${shape[2]}: click a cell to see how it was computed`}
            onClick={pick(map)}
            onMouseEnter={() => onHover(map)}
            onMouseLeave={() => onHover(null)}
            onFocus={() => onHover(map)}
            onBlur={() => onHover(null)}
          >
            <HeatmapCanvas
              values={values}
              rows={rows}
              cols={cols}
              color={scale.color}
              label={`Layer ${column.layer} map ${map + 1} of ${shape[2]}, ${rows}×${cols}`}
              sizePx={column.mapPx - BUTTON_FRAME_PX}
              heightPx={column.mapPx - BUTTON_FRAME_PX}
              testId={`overview-map-${column.layer}-${map}`}
            />
          </button>
        );
      })}
    </>
  );
}

function Units({
  column,
  data,
  scale,
  down,
  onPick,
}: Pick<LayerColumnProps, 'column' | 'down' | 'onPick'> & { data: LayerSnapshot; scale: ColorScaleInfo }) {
  const units = data.activations.length;
  // The strip runs along the network's cross direction: down a column, or across a row.
  const pick = (event: MouseEvent<HTMLButtonElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const along = down ? (event.clientX - rect.left) / rect.width : (event.clientY - rect.top) / rect.height;
    const unit = event.detail === 0 ? 0 : Math.min(units - 1, Math.max(0, Math.floor(along * units)));
    onPick?.({ layer: column.layer, map: 0, row: 0, col: unit });
  };
  return (
    <button
      type="button"
      className="network-overview__map"
      style={within(column)}
      title={`${units} units: click one to see how it was computed`}
      onClick={pick}
    >
      <HeatmapCanvas
        values={data.activations}
        rows={down ? 1 : units}
        cols={down ? units : 1}
        color={scale.color}
        label={`Layer ${column.layer}: ${units} units`}
        sizePx={column.body.width - BUTTON_FRAME_PX}
        heightPx={column.body.height - BUTTON_FRAME_PX}
        testId={`overview-units-${column.layer}`}
      />
    </button>
  );
}

function Output({ column, data, onPick }: Pick<LayerColumnProps, 'column' | 'onPick'> & { data: LayerSnapshot }) {
  const naming = useClassNaming();
  const probabilities = Array.from(data.activations);
  const best = d3.maxIndex(probabilities);
  const rowPx = column.body.height / probabilities.length;
  return (
    <ol
      className={
        naming.digits ? 'network-overview__output' : 'network-overview__output network-overview__output--named'
      }
      style={{ ...within(column), width: column.body.width }}
      aria-label="Output probabilities"
    >
      {probabilities.map((p, digit) => (
        <li key={digit} style={{ height: rowPx }}>
          <button
            type="button"
            className={digit === best ? 'network-overview__prob--best' : undefined}
            data-testid={`overview-prob-${digit}`}
            tabIndex={digit === 0 ? 0 : -1}
            data-value={p}
            title={`${naming.name(digit)}: ${significant(p * 100)}%`}
            onClick={() => onPick?.({ layer: column.layer, map: 0, row: 0, col: digit })}
          >
            <span
              className={
                naming.digits ? 'network-overview__digit' : 'network-overview__digit network-overview__class-name'
              }
            >
              {naming.name(digit)}
            </span>
            <span className="network-overview__bar" style={{ width: `${Math.max(1, p * 100)}%` }} />
          </button>
        </li>
      ))}
    </ol>
  );
}

/** What the network reads the input as: "reads 7 at 98 %". */
function reading(data: LayerSnapshot, naming: ClassNaming): string {
  const best = d3.maxIndex(data.activations);
  return `reads ${naming.name(best)} at ${significant((data.activations[best] ?? 0) * 100)} %`;
}

/** A column's name: the layer kind and its main number, short enough for a narrow column. */
function shortName(layer: LayerSpec): string {
  switch (layer.kind) {
    case 'conv2d':
      return `conv ${layer.kernelSize}×${layer.kernelSize}`;
    case 'maxPool':
    case 'avgPool':
      return `${layer.kind === 'maxPool' ? 'max' : 'avg'} pool`;
    case 'dense':
      return layer.activation === 'softmax' ? 'softmax' : 'dense';
    default:
      return layer.kind;
  }
}
