/**
 * The traced cell in the address: `trace=<layer>,<map>,<row>,<col>` (spec layer index, then the
 * map or unit, row and column, all from 0), so a link opens the same trace. Parsing never throws:
 * a malformed value is ignored with a notice.
 */

/** A cell of a spec layer's output. */
export interface TracedCell {
  layer: number;
  map: number;
  row: number;
  col: number;
}

/** The cell `trace=` names, or null (with a notice when the parameter is there but unreadable). */
export function parseTraceParam(params: URLSearchParams): { cell: TracedCell | null; notice: string | null } {
  const text = params.get('trace');
  if (text === null) return { cell: null, notice: null };
  const parts = text.split(',');
  const numbers = parts.map((part) => (/^\d{1,4}$/.test(part.trim()) ? Number(part) : Number.NaN));
  if (parts.length !== 4 || numbers.some(Number.isNaN)) {
    return {
      cell: null,
      notice: `trace=${text} must be four whole numbers, layer,map,row,col (e.g. trace=0,3,10,12); no trace opened.`,
    };
  }
  const [layer, map, row, col] = numbers as [number, number, number, number];
  return { cell: { layer, map, row, col }, notice: null };
}

/** Sets `trace=` to `cell`, or removes it for null; other parameters stay. */
export function withTrace(params: URLSearchParams, cell: TracedCell | null): URLSearchParams {
  const next = new URLSearchParams(params);
  if (cell) next.set('trace', `${cell.layer},${cell.map},${cell.row},${cell.col}`);
  else next.delete('trace');
  return next;
}
