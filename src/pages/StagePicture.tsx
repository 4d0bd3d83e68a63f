/**
 * Presenter view's stage: the picture of a page (an explorable's grids, a chart) scaled to fit the
 * part of the first screen left to it, so a class sees all of it without scrolling. Outside
 * presenter view it renders its content as it is.
 */
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { fitScale, stageHeight } from '../core/stageFit';
import { useClassroomMode } from '../hooks/presenter';
import './StagePicture.css';

interface Props {
  children: ReactNode;
  /** How far a small picture may be enlarged on a big screen. */
  maxScale?: number;
}

/** Room left under the stage, and the least height a picture gets on a tiny screen (where the page scrolls). */
const MARGIN_PX = 8;
const MIN_HEIGHT_PX = 160;

export function StagePicture({ children, maxScale = 2 }: Props) {
  const { on } = useClassroomMode();
  if (!on) return <>{children}</>;
  return <FittedPicture maxScale={maxScale}>{children}</FittedPicture>;
}

interface Fit {
  scale: number;
  widthPx: number;
  heightPx: number;
  boxWidthPx: number;
}

function FittedPicture({ children, maxScale }: Required<Props>) {
  const boxRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const [fit, setFit] = useState<Fit | null>(null);
  useLayoutEffect(() => {
    const box = boxRef.current;
    const content = contentRef.current;
    if (!box || !content) return;
    const measure = () => {
      // offsetWidth/Height ignore the transform: the picture's own size.
      const natural = { widthPx: content.offsetWidth, heightPx: content.offsetHeight };
      const rect = box.getBoundingClientRect();
      // What follows the picture on the stage (settings under it, the stepper) must fit on the first screen too.
      const stage = box.closest('[data-stage]') ?? box;
      const heightPx = stageHeight({
        viewportHeightPx: document.documentElement.clientHeight,
        pictureTopPx: rect.top + document.documentElement.scrollTop,
        belowPx: Math.max(0, stage.getBoundingClientRect().bottom - rect.bottom),
        marginPx: MARGIN_PX,
        minHeightPx: MIN_HEIGHT_PX,
      });
      const scale = fitScale(natural, { widthPx: box.clientWidth, heightPx }, maxScale);
      const next = { scale, ...natural, boxWidthPx: box.clientWidth };
      setFit((prev) =>
        prev &&
        Math.abs(prev.scale - next.scale) < 0.001 &&
        prev.widthPx === next.widthPx &&
        prev.heightPx === next.heightPx &&
        prev.boxWidthPx === next.boxWidthPx
          ? prev
          : next,
      );
    };
    measure();
    // The picture's size changes with its settings; its place with what is above it (an opened caption).
    const observer = new ResizeObserver(measure);
    observer.observe(content);
    observer.observe(document.body);
    addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      removeEventListener('resize', measure);
    };
  }, [maxScale]);
  const scale = fit?.scale ?? 1;
  return (
    <div
      ref={boxRef}
      className="stage-picture"
      data-testid="stage-picture"
      data-scale={scale.toFixed(3)}
      style={{ height: fit ? fit.heightPx * scale : undefined }}
    >
      <div
        ref={contentRef}
        className="stage-picture__content"
        style={{
          transform: `scale(${scale})`,
          left: fit ? Math.max(0, (fit.boxWidthPx - fit.widthPx * scale) / 2) : 0,
        }}
      >
        {children}
      </div>
    </div>
  );
}
