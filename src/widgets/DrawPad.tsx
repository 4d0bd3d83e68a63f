import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';
import { DIGIT_FIELD_PX, inkFromRgba, preprocessDigit } from '../data/digitPreprocess';
import { useSettledValue } from '../hooks/useSettledValue';
import { cssColor } from './cssColor';
import { DigitCanvas } from './DigitCanvas';
import './DrawPad.css';

interface Props {
  /**
   * Called with the MNIST-preprocessed drawing: a new 28×28 row-major Float32Array in [0, 1]
   * (ink = high) that the receiver owns, or null when the pad is empty. Fires at the end of each
   * stroke, at most every 100 ms while drawing, after "Use a sample digit" and after "Clear".
   */
  onDigit: (pixels28: Float32Array | null) => void;
  /** Side of the square pad in CSS px and canvas px (default 280). */
  sizePx?: number;
  /** Pen diameter in canvas px (default 20). */
  strokeWidthPx?: number;
  /**
   * What became of the drawing, e.g. the network's answer ("The network reads it as a 7."):
   * spoken after the pad's own status once the pen is lifted, never while drawing.
   */
  reading?: string | null;
  /** Whether to show the 28×28 preview beside the pad (default true); off where the page shows the input already. */
  showPreview?: boolean;
  /** What is drawn, in the pad's words (default "digit"; "example" for a user's own classes). */
  noun?: string;
}

interface Point {
  x: number;
  y: number;
}

interface Stroke {
  pointerId: number;
  last: Point;
  lastMid: Point;
}

/** Minimum time between preprocessing passes while a stroke is in progress. */
const THROTTLE_MS = 100;
/** Paper and ink come from the --draw-pad-* colour tokens; these are for a page without the stylesheet. */
const PAPER_FALLBACK = '#ffffff';
const INK_FALLBACK = '#000000';
const EMPTY_28 = new Float32Array(DIGIT_FIELD_PX * DIGIT_FIELD_PX);
const PREVIEW_LABEL = 'What the network sees (28×28)';
/** Quiet time before the status is spoken, so the answer to a finished stroke is heard once. */
const SPEAK_AFTER_MS = 400;

function fillPaper(context: CanvasRenderingContext2D, sizePx: number): void {
  context.fillStyle = cssColor(context.canvas, '--draw-pad-paper', PAPER_FALLBACK);
  context.fillRect(0, 0, sizePx, sizePx);
}

/**
 * A square drawing pad for one handwritten digit (black on white), with a 28×28 preview of the
 * MNIST-preprocessed result. Works with mouse, pen and touch (pointer events); keyboard and
 * assistive-technology users can load a sample digit instead of drawing.
 */
export function DrawPad({
  onDigit,
  sizePx = 280,
  strokeWidthPx = 20,
  reading = null,
  showPreview = true,
  noun = 'digit',
}: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const strokeRef = useRef<Stroke | null>(null);
  const lastEmitMsRef = useRef(0);
  const onDigitRef = useRef(onDigit);
  const [preview, setPreview] = useState<Float32Array | null>(null);
  const [status, setStatus] = useState('The pad is empty.');
  const [drawing, setDrawing] = useState(false);
  const hintId = useId();
  const spoken = useSettledValue(drawing ? null : preview && reading ? `${status} ${reading}` : status, SPEAK_AFTER_MS);

  useEffect(() => {
    onDigitRef.current = onDigit;
  }, [onDigit]);

  const context = useCallback((): CanvasRenderingContext2D | null => {
    return canvasRef.current?.getContext('2d', { willReadFrequently: true }) ?? null;
  }, []);

  // Changing the canvas size clears it to transparent; repaint the paper.
  useEffect(() => {
    const ctx = context();
    if (ctx) fillPaper(ctx, sizePx);
  }, [context, sizePx]);

  /** Reads the pad, preprocesses it and reports the 28×28 result. */
  const emit = useCallback(
    (announce: boolean) => {
      const ctx = context();
      if (!ctx) return;
      lastEmitMsRef.current = performance.now();
      const image = ctx.getImageData(0, 0, sizePx, sizePx);
      const digit = preprocessDigit(inkFromRgba(image.data, sizePx, sizePx), sizePx, sizePx);
      setPreview(digit);
      if (announce)
        setStatus(digit ? `${capitalized(noun)} drawn; the 28×28 preview is updated.` : 'The pad is empty.');
      onDigitRef.current(digit);
    },
    [context, sizePx, noun],
  );

  /** Pointer position in canvas pixels (the canvas may be scaled down by CSS). */
  const toCanvas = (canvas: HTMLCanvasElement, clientX: number, clientY: number): Point => {
    const rect = canvas.getBoundingClientRect();
    // clientLeft/clientWidth exclude the CSS border, so the ink lands under the pointer.
    const scaleX = canvas.clientWidth > 0 ? sizePx / canvas.clientWidth : 1;
    const scaleY = canvas.clientHeight > 0 ? sizePx / canvas.clientHeight : 1;
    return {
      x: (clientX - rect.left - canvas.clientLeft) * scaleX,
      y: (clientY - rect.top - canvas.clientTop) * scaleY,
    };
  };

  const setPen = (ctx: CanvasRenderingContext2D) => {
    const ink = cssColor(ctx.canvas, '--draw-pad-ink', INK_FALLBACK);
    ctx.strokeStyle = ink;
    ctx.fillStyle = ink;
    ctx.lineWidth = strokeWidthPx;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    const ctx = context();
    if (!ctx || strokeRef.current) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    const p = toCanvas(event.currentTarget, event.clientX, event.clientY);
    setPen(ctx);
    // A dot, so that a tap without movement leaves a mark.
    ctx.beginPath();
    ctx.arc(p.x, p.y, strokeWidthPx / 2, 0, Math.PI * 2);
    ctx.fill();
    strokeRef.current = { pointerId: event.pointerId, last: p, lastMid: p };
    setDrawing(true);
  };

  const onPointerMove = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const stroke = strokeRef.current;
    if (!stroke || stroke.pointerId !== event.pointerId) return;
    const ctx = context();
    if (!ctx) return;
    setPen(ctx);
    // Coalesced events keep fast strokes smooth where the browser batches pointer samples.
    const native = event.nativeEvent;
    const samples = typeof native.getCoalescedEvents === 'function' ? native.getCoalescedEvents() : [];
    const canvas = event.currentTarget;
    const points =
      samples.length > 0
        ? samples.map((e) => toCanvas(canvas, e.clientX, e.clientY))
        : [toCanvas(canvas, event.clientX, event.clientY)];
    for (const p of points) {
      // Quadratic segments through the midpoints give a smooth curve through the samples.
      const mid = { x: (stroke.last.x + p.x) / 2, y: (stroke.last.y + p.y) / 2 };
      ctx.beginPath();
      ctx.moveTo(stroke.lastMid.x, stroke.lastMid.y);
      ctx.quadraticCurveTo(stroke.last.x, stroke.last.y, mid.x, mid.y);
      ctx.stroke();
      stroke.lastMid = mid;
      stroke.last = p;
    }
    if (performance.now() - lastEmitMsRef.current >= THROTTLE_MS) emit(false);
  };

  const endStroke = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const stroke = strokeRef.current;
    if (!stroke || stroke.pointerId !== event.pointerId) return;
    const ctx = context();
    if (ctx) {
      setPen(ctx);
      ctx.beginPath();
      ctx.moveTo(stroke.lastMid.x, stroke.lastMid.y);
      ctx.lineTo(stroke.last.x, stroke.last.y);
      ctx.stroke();
    }
    strokeRef.current = null;
    setDrawing(false);
    if (event.currentTarget.hasPointerCapture(event.pointerId))
      event.currentTarget.releasePointerCapture(event.pointerId);
    emit(true);
  };

  const clear = () => {
    const ctx = context();
    if (ctx) fillPaper(ctx, sizePx);
    strokeRef.current = null;
    setDrawing(false);
    setPreview(null);
    setStatus('The pad is cleared.');
    onDigitRef.current(null);
  };

  /** Draws a simple '1' (a short up-stroke flag and a vertical stem) so no pointer is needed. */
  const drawSample = () => {
    const ctx = context();
    if (!ctx) return;
    fillPaper(ctx, sizePx);
    strokeRef.current = null;
    setDrawing(false);
    setPen(ctx);
    const s = sizePx;
    ctx.beginPath();
    ctx.moveTo(0.4 * s, 0.3 * s);
    ctx.lineTo(0.54 * s, 0.18 * s);
    ctx.lineTo(0.54 * s, 0.82 * s);
    ctx.stroke();
    emit(false);
    setStatus('A sample digit 1 is drawn on the pad; the 28×28 preview is updated.');
  };

  return (
    <div className="draw-pad">
      <div className="draw-pad__main">
        <canvas
          ref={canvasRef}
          className="draw-pad__canvas"
          width={sizePx}
          height={sizePx}
          style={{ width: sizePx }}
          role="img"
          aria-label={`Drawing pad: draw ${noun === 'digit' ? 'a digit' : 'an example'} with the mouse, a pen or a finger`}
          aria-describedby={hintId}
          data-testid="draw-pad-canvas"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={endStroke}
          onPointerCancel={endStroke}
          onLostPointerCapture={endStroke}
          onContextMenu={(e) => e.preventDefault()}
        />
        <p id={hintId} className="draw-pad__hint">
          Draw one {noun}, large and in the middle. No pointer? Use the sample digit.
        </p>
        <div className="draw-pad__buttons">
          <button type="button" onClick={drawSample}>
            Use a sample digit
          </button>
          <button type="button" onClick={clear}>
            Clear
          </button>
        </div>
        <p className="sr-only" role="status" data-testid="draw-pad-status">
          {spoken}
        </p>
      </div>
      {showPreview && (
        <figure className="draw-pad__preview" data-testid="draw-pad-preview" data-empty={preview ? undefined : ''}>
          <DigitCanvas
            pixels={preview ?? EMPTY_28}
            label={preview ? PREVIEW_LABEL : `${PREVIEW_LABEL}: empty`}
            sizePx={112}
          />
          <figcaption>{PREVIEW_LABEL}</figcaption>
        </figure>
      )}
    </div>
  );
}

function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
