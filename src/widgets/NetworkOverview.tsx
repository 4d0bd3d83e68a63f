import { memo, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import * as d3 from 'd3';
import type { LayerSpec, ModelSpec } from '../core/modelSpec';
import { layerLabel } from '../core/shapes';
import type { LayerSnapshot, Snapshot } from '../protocol/messages';
import { scaleFor, type ColorScaleInfo } from '../render/colorScales';
import { channelOf } from '../render/heatmap';
import { significant } from '../render/numberFormat';
import { DigitCanvas } from './DigitCanvas';
import { HeatmapCanvas } from './HeatmapCanvas';
import type { TraceTarget } from './traceSnapshot';
import { LABEL_PX, mapCentre, overviewLayout, overviewLinks, shapeKey, type OverviewColumn } from './overviewLayout';
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

const MIN_WIDTH_PX = 640;

/**
 * The whole network on one screen, left to right: the input digit, each layer's feature maps
 * (or units, or the ten probabilities), and faint links showing which maps feed which, strong
 * for the map under the pointer.
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
  // Below this width the columns would overlap: the picture scrolls sideways inside its box instead.
  const layoutWidth = Math.max(MIN_WIDTH_PX, widthPx);
  const layout = useMemo(() => overviewLayout(layers, layoutWidth, heightPx), [layers, layoutWidth, heightPx]);
  const [hovered, setHovered] = useState<{ column: number; map: number } | null>(null);
  const links = useMemo(() => overviewLinks(layout.columns, layers, heightPx), [layout, layers, heightPx]);

  return (
    <div className="network-overview" ref={box}>
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
            <InputColumn key="input" column={column} snapshot={snapshot} heightPx={heightPx} />
          ) : (
            <LayerColumn
              key={column.layer}
              column={column}
              layer={layers[column.layer]!.layer}
              data={layers[column.layer]!.data}
              heightPx={heightPx}
              onHover={(map) => setHovered(map === null ? null : { column: c, map })}
              onPick={onPick}
              picked={picked?.layer === column.layer ? picked : null}
            />
          ),
        )}
        <figcaption className="sr-only">
          The network, left to right: the input digit, then{' '}
          {layers.map(({ layer, shape }) => `${layerLabel(layer)} (${shape.join('×')})`).join(', ')}.
        </figcaption>
      </figure>
    </div>
  );
}

/** The container's width, followed as it changes. */
function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(960);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

function InputColumn({ column, snapshot, heightPx }: { column: OverviewColumn; snapshot: Snapshot; heightPx: number }) {
  const centre = mapCentre(column, 0, heightPx);
  return (
    <div
      className="network-overview__column"
      data-testid="overview-input"
      style={{ left: column.x, width: column.width, height: heightPx }}
    >
      <div style={{ position: 'absolute', top: centre.y - column.mapPx / 2 }}>
        <DigitCanvas pixels={snapshot.input} label="The input digit, 28×28 pixels" sizePx={column.mapPx} />
      </div>
      <p className="network-overview__name" style={{ top: heightPx - LABEL_PX }}>
        input
        <br />
        28×28
      </p>
    </div>
  );
}

interface LayerColumnProps {
  column: OverviewColumn;
  layer: LayerSpec;
  data: LayerSnapshot | undefined;
  heightPx: number;
  onHover: (map: number | null) => void;
  onPick?: (cell: TraceTarget) => void;
  picked: TraceTarget | null;
}

const LayerColumn = memo(function LayerColumn({
  column,
  layer,
  data,
  heightPx,
  onHover,
  onPick,
  picked,
}: LayerColumnProps) {
  const scale = useMemo(() => (data ? scaleFor(data.activations) : null), [data]);
  const shapeText = column.shape.join('×');
  return (
    <div
      className="network-overview__column"
      data-testid="overview-layer"
      data-layer={column.layer}
      data-shape={shapeKey(column.shape)}
      style={{ left: column.x, width: column.width, height: heightPx }}
    >
      {column.more > 0 && (
        <p className="network-overview__more" data-testid="overview-more">
          + {column.more} more
        </p>
      )}
      {data && scale && column.kind === 'maps' && (
        <Maps column={column} data={data} scale={scale} heightPx={heightPx} {...{ onHover, onPick, picked }} />
      )}
      {data && scale && column.kind === 'units' && (
        <Units column={column} data={data} scale={scale} heightPx={heightPx} onPick={onPick} />
      )}
      {data && column.kind === 'output' && <Output column={column} data={data} heightPx={heightPx} onPick={onPick} />}
      <p className="network-overview__name" style={{ top: heightPx - LABEL_PX }} title={layerLabel(layer)}>
        {shortName(layer)}
        <br />
        {shapeText}
      </p>
    </div>
  );
});

function Maps({
  column,
  data,
  scale,
  heightPx,
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
        const centre = mapCentre(column, map, heightPx);
        const isPicked = picked?.map === map;
        return (
          <button
            key={map}
            type="button"
            className={`network-overview__map${isPicked ? ' network-overview__map--picked' : ''}`}
            // One tab stop a column: the trace's Page Up / Page Down reach the other maps.
            tabIndex={map === 0 ? 0 : -1}
            style={{ left: centre.x - column.x - column.mapPx / 2, top: centre.y - column.mapPx / 2 }}
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
              sizePx={column.mapPx}
              heightPx={column.mapPx}
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
  heightPx,
  onPick,
}: Pick<LayerColumnProps, 'column' | 'heightPx' | 'onPick'> & { data: LayerSnapshot; scale: ColorScaleInfo }) {
  const units = data.activations.length;
  const stripPx = heightPx - 2 * LABEL_PX;
  const pick = (event: MouseEvent<HTMLButtonElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const unit =
      event.detail === 0
        ? 0
        : Math.min(units - 1, Math.max(0, Math.floor(((event.clientY - rect.top) / rect.height) * units)));
    onPick?.({ layer: column.layer, map: 0, row: 0, col: unit });
  };
  return (
    <button
      type="button"
      className="network-overview__map"
      style={{ left: 0, top: LABEL_PX }}
      title={`${units} units: click one to see how it was computed`}
      onClick={pick}
    >
      <HeatmapCanvas
        values={data.activations}
        rows={units}
        cols={1}
        color={scale.color}
        label={`Layer ${column.layer}: ${units} units`}
        sizePx={column.width}
        heightPx={stripPx}
        testId={`overview-units-${column.layer}`}
      />
    </button>
  );
}

function Output({
  column,
  data,
  heightPx,
  onPick,
}: Pick<LayerColumnProps, 'column' | 'heightPx' | 'onPick'> & { data: LayerSnapshot }) {
  const probabilities = Array.from(data.activations);
  const best = d3.maxIndex(probabilities);
  const rowPx = (heightPx - 2 * LABEL_PX) / probabilities.length;
  return (
    <ol className="network-overview__output" style={{ top: LABEL_PX }} aria-label="Output probabilities">
      {probabilities.map((p, digit) => (
        <li key={digit} style={{ height: rowPx }}>
          <button
            type="button"
            className={digit === best ? 'network-overview__prob--best' : undefined}
            data-testid={`overview-prob-${digit}`}
            tabIndex={digit === 0 ? 0 : -1}
            data-value={p}
            title={`${digit}: ${significant(p * 100)}%`}
            onClick={() => onPick?.({ layer: column.layer, map: 0, row: 0, col: digit })}
          >
            <span className="network-overview__digit">{digit}</span>
            <span className="network-overview__bar" style={{ width: `${Math.max(1, p * 100)}%` }} />
          </button>
        </li>
      ))}
    </ol>
  );
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
