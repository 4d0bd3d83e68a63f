import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { scaleFor, textColorOn } from '../render/colorScales';
import './NumberGrid.css';

/** A cell position, 0-based, row-major. */
export interface GridCell {
  row: number;
  col: number;
}

/** Rows/columns of zero padding at each edge of a grid (already included in `values`). */
export type PaddingRing = number | { top: number; bottom: number; left: number; right: number };

export interface NumberGridProps {
  /** `data-testid` of the figure that holds every cell. */
  testId: string;
  /** Accessible name and visible caption, e.g. "Input, 7×7 with a ring of padding". */
  label: string;
  /** Row-major values, `values[row][col]`, padding included. Rows should be equally long. */
  values: number[][];
  /** Side of one cell in CSS pixels (default 44). The SVG scales down to fit narrow containers. */
  cellSizePx?: number;
  /** Draw the numbers in the cells (default: when the grid is at most 12×12). */
  showValues?: boolean;
  /** How a value is written (default {@link formatCellValue}). `data-value` always has the full number. */
  format?: (value: number) => string;
  /** Fill colour of a value (default: `scaleFor` over all of `values`). Pass a shared scale to compare grids. */
  color?: (value: number) => string;
  /** Cells outlined with a thick solid line around their outer edge, e.g. the receptive window. */
  highlight?: readonly GridCell[];
  /** One cell drawn with a dashed double outline and a corner marker, e.g. the max or the cell being written. */
  accent?: GridCell | null;
  /** Zero-padding ring: hatched grey cells with `data-padded`. A number means the same on every edge. */
  paddedRing?: PaddingRing;
  /** Cells the animation has not revealed yet: drawn blank, but still in the DOM with their `data-value`. */
  hidden?: (row: number, col: number) => boolean;
  /** Words for highlighted / accented cells in the text alternative (defaults "highlighted", "marked"). */
  highlightName?: string;
  accentName?: string;
  /** Hide the visible caption (it stays the accessible name), when the page has its own heading. */
  hideCaption?: boolean;
  /**
   * Pointer hover or keyboard cursor moved onto a cell. Passing this or `onCellClick` makes the
   * grid focusable: arrow keys move a cursor, Home/End jump within the row, Enter/Space click.
   */
  onCellFocus?: (row: number, col: number) => void;
  onCellClick?: (row: number, col: number) => void;
}

const MINUS = '\u2212';

/**
 * Integers as they are, other numbers with 2 decimals; a typographic minus sign (readable
 * when projected); a value that rounds to zero is written without a sign.
 */
export function formatCellValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const text = Number.isInteger(value) ? String(value) : value.toFixed(2);
  if (/^-0(\.0+)?$/.test(text)) return text.slice(1);
  return text.replace('-', MINUS);
}

function padding(ring: PaddingRing | undefined) {
  if (ring === undefined) return { top: 0, bottom: 0, left: 0, right: 0 };
  if (typeof ring === 'number') return { top: ring, bottom: ring, left: ring, right: ring };
  return ring;
}

const cellKey = (row: number, col: number) => `${row},${col}`;

/**
 * SVG path along the outer edges of a set of cells: one rectangle around a contiguous window,
 * separate squares for the taps of a dilated kernel.
 */
function outlinePath(cells: ReadonlySet<string>, list: readonly GridCell[], size: number, origin: number): string {
  const parts: string[] = [];
  for (const { row, col } of list) {
    const x0 = origin + col * size;
    const y0 = origin + row * size;
    const x1 = x0 + size;
    const y1 = y0 + size;
    if (!cells.has(cellKey(row - 1, col))) parts.push(`M${x0},${y0}H${x1}`);
    if (!cells.has(cellKey(row + 1, col))) parts.push(`M${x0},${y1}H${x1}`);
    if (!cells.has(cellKey(row, col - 1))) parts.push(`M${x0},${y0}V${y1}`);
    if (!cells.has(cellKey(row, col + 1))) parts.push(`M${x1},${y0}V${y1}`);
  }
  return parts.join('');
}

/**
 * A grid of numbers drawn as coloured SVG cells, with a hidden table as its text alternative.
 * Every cell is a `<g>` under the `data-testid` figure, in row-major order, carrying
 * `data-row`, `data-col`, `data-value` (full precision) and, where they apply, `data-padded`,
 * `data-hidden`, `data-highlight` and `data-accent`.
 */
export function NumberGrid({
  testId,
  label,
  values,
  cellSizePx = 44,
  showValues,
  format = formatCellValue,
  color,
  highlight = [],
  accent = null,
  paddedRing,
  hidden,
  highlightName = 'highlighted',
  accentName = 'marked',
  hideCaption = false,
  onCellFocus,
  onCellClick,
}: NumberGridProps) {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const hatchId = `number-grid-hatch-${uid}`;
  const hintId = `number-grid-hint-${uid}`;
  const rows = values.length;
  const cols = values.reduce((widest, row) => Math.max(widest, row.length), 0);
  const size = cellSizePx;
  const drawValues = showValues ?? (rows <= 12 && cols <= 12);
  // Lines between small cells (large feature maps) would drown the colours.
  const gridLines = size >= 16;
  const pad = padding(paddedRing);
  const interactive = Boolean(onCellFocus || onCellClick);

  const fill = useMemo(() => color ?? scaleFor(values.flat()).color, [color, values]);

  // Outlines sit on cell edges, so leave room for half of the widest one around the grid.
  const outlinePx = Math.min(4, Math.max(2, size * 0.09));
  const accentPx = outlinePx + 1;
  const margin = Math.ceil(accentPx);
  const widthPx = cols * size + 2 * margin;
  const heightPx = rows * size + 2 * margin;

  const inside = (c: GridCell) => c.row >= 0 && c.row < rows && c.col >= 0 && c.col < (values[c.row]?.length ?? 0);
  const highlighted = highlight.filter(inside);
  const highlightKeys = new Set(highlighted.map((c) => cellKey(c.row, c.col)));
  const accentCell = accent && inside(accent) ? accent : null;
  const isPadded = (row: number, col: number) =>
    row < pad.top || row >= rows - pad.bottom || col < pad.left || col >= cols - pad.right;

  const texts = values.map((row) => row.map((v) => format(v)));
  const longest = texts.reduce((n, row) => row.reduce((m, t) => Math.max(m, t.length), n), 1);
  // Bold tabular digits are about 0.6 em wide; keep the longest number inside the cell.
  const fontPx = Math.max(8, Math.min(size * 0.42, (size * 0.86) / (0.6 * longest)));

  const [cursor, setCursor] = useState<GridCell>({ row: 0, col: 0 });
  const [focused, setFocused] = useState(false);
  const cursorCell: GridCell = {
    row: Math.min(Math.max(0, cursor.row), Math.max(0, rows - 1)),
    col: Math.min(Math.max(0, cursor.col), Math.max(0, cols - 1)),
  };

  const moveCursor = (next: GridCell) => {
    setCursor(next);
    onCellFocus?.(next.row, next.col);
  };

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    if (rows === 0 || cols === 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    const { row, col } = cursorCell;
    const moves: Record<string, GridCell> = {
      ArrowUp: { row: Math.max(0, row - 1), col },
      ArrowDown: { row: Math.min(rows - 1, row + 1), col },
      ArrowLeft: { row, col: Math.max(0, col - 1) },
      ArrowRight: { row, col: Math.min(cols - 1, col + 1) },
      Home: { row, col: 0 },
      End: { row, col: cols - 1 },
    };
    const next = moves[event.key];
    if (next) {
      event.preventDefault();
      moveCursor(next);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onCellClick?.(row, col);
    }
  };

  const describe = (row: number, col: number) => {
    const value = values[row]?.[col];
    if (value === undefined) return '';
    const notes = [
      isPadded(row, col) && 'padding',
      highlightKeys.has(cellKey(row, col)) && highlightName,
      accentCell?.row === row && accentCell.col === col && accentName,
    ].filter(Boolean);
    const shown = hidden?.(row, col) ? 'not yet shown' : (texts[row]?.[col] ?? '');
    return notes.length > 0 ? `${shown} (${notes.join(', ')})` : shown;
  };

  const cursorText =
    interactive && focused
      ? `Row ${cursorCell.row + 1}, column ${cursorCell.col + 1}: ${describe(cursorCell.row, cursorCell.col)}`
      : '';

  return (
    <figure className="number-grid" data-testid={testId} data-rows={rows} data-cols={cols}>
      <figcaption className={hideCaption ? 'sr-only' : 'number-grid__caption'}>{label}</figcaption>
      <svg
        className={gridLines ? 'number-grid__svg number-grid__svg--lined' : 'number-grid__svg'}
        width={widthPx}
        height={heightPx}
        viewBox={`0 0 ${widthPx} ${heightPx}`}
        role="img"
        aria-label={label}
        aria-describedby={interactive ? hintId : undefined}
        tabIndex={interactive ? 0 : undefined}
        onKeyDown={interactive ? onKeyDown : undefined}
        onFocus={
          interactive
            ? () => {
                setFocused(true);
                onCellFocus?.(cursorCell.row, cursorCell.col);
              }
            : undefined
        }
        onBlur={interactive ? () => setFocused(false) : undefined}
      >
        <defs>
          <pattern id={hatchId} width={8} height={8} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect className="number-grid__hatch-paper" width={8} height={8} />
            <line className="number-grid__hatch-line" x1={0} y1={0} x2={0} y2={8} strokeWidth={3} />
          </pattern>
        </defs>
        {values.map((row, r) =>
          row.map((value, c) => {
            const x = margin + c * size;
            const y = margin + r * size;
            const padded = isPadded(r, c);
            const concealed = hidden?.(r, c) ?? false;
            // Padding and concealed cells take their colours from CSS; the others from the data.
            const dataColor = padded || concealed ? undefined : fill(value);
            const isAccent = accentCell?.row === r && accentCell.col === c;
            return (
              <g
                key={cellKey(r, c)}
                className={cellClassName(interactive, concealed)}
                data-row={r}
                data-col={c}
                data-value={Object.is(value, -0) ? 0 : value}
                data-padded={padded ? 'true' : undefined}
                data-hidden={concealed ? 'true' : undefined}
                data-highlight={highlightKeys.has(cellKey(r, c)) ? 'true' : undefined}
                data-accent={isAccent ? 'true' : undefined}
                onPointerEnter={onCellFocus ? () => onCellFocus(r, c) : undefined}
                onClick={
                  onCellClick
                    ? () => {
                        setCursor({ row: r, col: c });
                        onCellClick(r, c);
                      }
                    : undefined
                }
              >
                <rect
                  className="number-grid__square"
                  x={x}
                  y={y}
                  width={size}
                  height={size}
                  fill={padded ? `url(#${hatchId})` : dataColor}
                  strokeWidth={1}
                  strokeDasharray={concealed ? '3 3' : undefined}
                  shapeRendering={gridLines ? undefined : 'crispEdges'}
                />
                {drawValues && !concealed && (
                  <text
                    x={x + size / 2}
                    y={y + size / 2}
                    dy="0.35em"
                    textAnchor="middle"
                    fontSize={fontPx}
                    fill={dataColor && textColorOn(dataColor)}
                    className={padded ? 'number-grid__value number-grid__value--padded' : 'number-grid__value'}
                  >
                    {texts[r]?.[c]}
                  </text>
                )}
              </g>
            );
          }),
        )}
        {highlighted.length > 0 && (
          <g className="number-grid__highlight" aria-hidden="true" pointerEvents="none">
            <path
              className="number-grid__ring-dark"
              d={outlinePath(highlightKeys, highlighted, size, margin)}
              fill="none"
              strokeWidth={outlinePx}
              strokeLinecap="square"
            />
            <path
              className="number-grid__ring-light"
              d={outlinePath(highlightKeys, highlighted, size, margin)}
              fill="none"
              strokeWidth={outlinePx / 3}
              strokeLinecap="square"
            />
          </g>
        )}
        {accentCell && <AccentMark cell={accentCell} size={size} margin={margin} strokePx={accentPx} />}
        {interactive && focused && (
          <rect
            className="number-grid__cursor"
            aria-hidden="true"
            pointerEvents="none"
            x={margin + cursorCell.col * size + 2}
            y={margin + cursorCell.row * size + 2}
            width={size - 4}
            height={size - 4}
            fill="none"
            strokeWidth={3}
          />
        )}
      </svg>
      {interactive && (
        <>
          <p id={hintId} className="sr-only">
            Arrow keys move between cells; Enter chooses a cell.
          </p>
          <p className="sr-only" aria-live="polite">
            {cursorText}
          </p>
        </>
      )}
      {/* A table ignores width: 1px, so the clipping box is a div around it. */}
      <div className="sr-only">
        <table>
          <caption>Values of {label}</caption>
          <thead>
            <tr>
              <td />
              {Array.from({ length: cols }, (_, c) => (
                <th key={c} scope="col">
                  Column {c + 1}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {values.map((row, r) => (
              <tr key={r}>
                <th scope="row">Row {r + 1}</th>
                {row.map((_, c) => (
                  <td key={c}>{describe(r, c)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** A cell's classes: a pointer where it can be chosen, paper and a dashed edge where its value is not shown yet. */
function cellClassName(interactive: boolean, concealed: boolean): string {
  return [
    'number-grid__cell',
    interactive && 'number-grid__cell--interactive',
    concealed && 'number-grid__cell--concealed',
  ]
    .filter(Boolean)
    .join(' ');
}

/** Dashed black-and-white outline inside the cell plus a solid corner triangle: not colour alone. */
function AccentMark({
  cell,
  size,
  margin,
  strokePx,
}: {
  cell: GridCell;
  size: number;
  margin: number;
  strokePx: number;
}) {
  const x = margin + cell.col * size;
  const y = margin + cell.row * size;
  const inset = strokePx / 2;
  const marker = Math.max(6, size * 0.26);
  const box = { x: x + inset, y: y + inset, width: size - strokePx, height: size - strokePx };
  return (
    <g className="number-grid__accent" aria-hidden="true" pointerEvents="none">
      <rect className="number-grid__ring-light" {...box} fill="none" strokeWidth={strokePx} />
      <rect
        className="number-grid__ring-dark"
        {...box}
        fill="none"
        strokeWidth={strokePx}
        strokeDasharray={`${strokePx * 1.6} ${strokePx * 1.2}`}
      />
      <path
        className="number-grid__corner"
        d={`M${x + size - marker},${y}H${x + size}V${y + marker}Z`}
        strokeWidth={1}
      />
    </g>
  );
}
