import { useEffect, useRef } from 'react';
import './DigitCanvas.css';

interface Props {
  /** 28×28 row-major intensities in [0, 1]. */
  pixels: Float32Array;
  label: string;
  sizePx?: number;
}

/** A grayscale digit drawn at data resolution and scaled up by CSS (crisp pixels). */
export function DigitCanvas({ pixels, label, sizePx = 112 }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(28, 28);
    pixels.forEach((value, i) => {
      const shade = 255 - Math.round(Math.min(1, Math.max(0, value)) * 255);
      image.data.set([shade, shade, shade, 255], i * 4);
    });
    context.putImageData(image, 0, 0);
  }, [pixels]);
  return (
    <canvas
      ref={canvas}
      width={28}
      height={28}
      role="img"
      aria-label={label}
      className="digit-canvas"
      style={{ width: sizePx, height: sizePx }}
    />
  );
}
