import { useEffect, useRef, type MouseEvent } from 'react';
import { paintRgba } from '../render/heatmap';
import './HeatmapCanvas.css';

export interface HeatmapCanvasProps {
  /** rows×cols values, row-major. Repaints only when this array (or rows, cols, color, mask) changes identity. */
  values: ArrayLike<number>;
  rows: number;
  cols: number;
  /** Value → CSS colour, e.g. `scaleFor(values).color`; keep it stable (useMemo) to avoid repaints. */
  color: (value: number) => string;
  /** Accessible name of the image (role="img"). */
  label: string;
  /** CSS width in px (default 4 px per column); the canvas itself stays cols×rows. */
  sizePx?: number;
  /** CSS height in px (default keeps cells square: sizePx · rows / cols). */
  heightPx?: number;
  testId?: string;
  /** Cells where this is 0 are drawn transparent and not reported on hover (gaps in a tiled grid). */
  mask?: ArrayLike<number>;
  /** The cell under the pointer, as the pointer moves over the canvas. */
  onHover?: (row: number, col: number, value: number) => void;
  /** The pointer left the canvas (or moved onto a masked cell). */
  onLeave?: () => void;
}

/**
 * A heatmap drawn as ImageData at data resolution (one canvas pixel per value) and scaled up
 * by CSS with `image-rendering: pixelated`, so cells stay crisp.
 */
export function HeatmapCanvas({
  values,
  rows,
  cols,
  color,
  label,
  sizePx,
  heightPx,
  testId,
  mask,
  onHover,
  onLeave,
}: HeatmapCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const widthPx = sizePx ?? cols * 4;
  const cssHeight = heightPx ?? (widthPx * rows) / cols;

  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context || rows <= 0 || cols <= 0 || values.length !== rows * cols) return;
    const image = context.createImageData(cols, rows);
    image.data.set(paintRgba(values, color, mask));
    context.putImageData(image, 0, 0);
  }, [values, rows, cols, color, mask]);

  const handleMove =
    onHover || onLeave
      ? (event: MouseEvent<HTMLCanvasElement>) => {
          const box = event.currentTarget.getBoundingClientRect();
          if (box.width <= 0 || box.height <= 0) return;
          const col = Math.min(cols - 1, Math.max(0, Math.floor(((event.clientX - box.left) / box.width) * cols)));
          const row = Math.min(rows - 1, Math.max(0, Math.floor(((event.clientY - box.top) / box.height) * rows)));
          const index = row * cols + col;
          if (mask && !mask[index]) onLeave?.();
          else onHover?.(row, col, values[index] as number);
        }
      : undefined;

  return (
    <canvas
      ref={canvas}
      width={cols}
      height={rows}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-rows={rows}
      data-cols={cols}
      className="heatmap-canvas"
      style={{ width: widthPx, height: cssHeight }}
      onMouseMove={handleMove}
      onMouseLeave={onLeave}
    />
  );
}
