import './VolumeDiagram.css';

export interface VolumeDiagramProps {
  /** Input [rows, cols, channels] (HWC). */
  input: readonly [number, number, number];
  /** Filter side k: each filter is k×k×channels. */
  kernel: number;
  /** Number of filters N = output channels. */
  filters: number;
  /** Output [rows, cols]; its depth is `filters`. */
  output: readonly [number, number];
  testId?: string;
}

/** The sentence the diagram shows and its accessible name, e.g. "6×6×3 input, 10 filters of 3×3×3, output 4×4×10". */
function volumeSentence({ input, kernel, filters, output }: VolumeDiagramProps): string {
  const [h, w, c] = input;
  return `${h}×${w}×${c} input, ${filters} ${filters === 1 ? 'filter' : 'filters'} of ${kernel}×${kernel}×${c}, output ${output[0]}×${output[1]}×${filters}`;
}

const DEPTH_X = 0.6;
const DEPTH_Y = 0.45;
const BIG_PX = 130;
const MIN_PX = 6;
const GAP_PX = 64;
const MARGIN_PX = 14;
const LABEL_PX = 34;

interface Box {
  x: number;
  /** Top of the front face. */
  y: number;
  w: number;
  h: number;
  /** Depth in pixels, drawn up and to the right. */
  d: number;
}

/**
 * Input volume ∗ a stack of filters → output volume, as boxes in a simple oblique projection
 * (depth goes up and to the right), sized in proportion to their cells, with the sizes as text.
 * The SVG has role="img" and the sentence of {@link volumeSentence} as its name; the sentence
 * is also the visible caption.
 */
export function VolumeDiagram(props: VolumeDiagramProps) {
  const { input, kernel, filters, output, testId } = props;
  const [h, w, c] = input;
  const sentence = volumeSentence(props);
  const unit = BIG_PX / Math.max(h, w, c * DEPTH_X, filters * DEPTH_X, 1);
  const px = (n: number) => Math.max(MIN_PX, n * unit);
  const depth = (n: number) => Math.max(MIN_PX, n * unit) * DEPTH_X;

  const shapes = [
    { w: px(w), h: px(h), d: depth(c) },
    { w: px(kernel), h: px(kernel), d: depth(c) },
    { w: px(output[1]), h: px(output[0]), d: depth(filters) },
  ];
  const top = MARGIN_PX + Math.max(...shapes.map((s) => s.d * DEPTH_Y));
  const bottom = top + Math.max(...shapes.map((s) => s.h));
  let x = MARGIN_PX + 16;
  const boxes: Box[] = shapes.map((s) => {
    const box = { x, y: top + (bottom - top - s.h) / 2, ...s };
    x += s.w + s.d * DEPTH_X + GAP_PX;
    return box;
  });
  const widthPx = x - GAP_PX + MARGIN_PX + 16;
  const heightPx = bottom + LABEL_PX + MARGIN_PX;
  const [inBox, filterBox, outBox] = boxes as [Box, Box, Box];
  const midY = (top + bottom) / 2;
  const right = (b: Box) => b.x + b.w + b.d * DEPTH_X;

  return (
    <figure className="volume-diagram" data-testid={testId}>
      <figcaption className="volume-diagram__caption">{sentence}</figcaption>
      <svg
        width={widthPx}
        height={heightPx}
        viewBox={`0 0 ${widthPx} ${heightPx}`}
        role="img"
        aria-label={sentence}
        className="volume-diagram__svg"
      >
        <BoxShape box={inBox} kind="input" label={`${h}×${w}×${c}`} sides={[String(h), String(w), String(c)]} />
        <text
          x={right(inBox) + GAP_PX / 2 - 2}
          y={midY}
          dy="0.35em"
          textAnchor="middle"
          fontSize={22}
          aria-hidden="true"
        >
          ∗
        </text>
        <BoxShape
          box={filterBox}
          kind="filter"
          label={`${filters} × ${kernel}×${kernel}×${c}`}
          sides={[String(kernel), String(kernel), String(c)]}
        />
        <text
          x={right(filterBox) + GAP_PX / 2 - 2}
          y={midY}
          dy="0.35em"
          textAnchor="middle"
          fontSize={22}
          aria-hidden="true"
        >
          →
        </text>
        <BoxShape
          box={outBox}
          kind="output"
          label={`${output[0]}×${output[1]}×${filters}`}
          sides={[String(output[0]), String(output[1]), String(filters)]}
        />
      </svg>
    </figure>
  );
}

/** Each box's fill comes from its modifier class. */
const BOX_CLASS = {
  input: 'volume-diagram__box volume-diagram__box--input',
  filter: 'volume-diagram__box volume-diagram__box--filter',
  output: 'volume-diagram__box volume-diagram__box--output',
} as const;

/** One box: front face, top and right side, with its size below and its edge lengths beside the edges. */
function BoxShape({
  box,
  kind,
  label,
  sides,
}: {
  box: Box;
  kind: keyof typeof BOX_CLASS;
  label: string;
  sides: [string, string, string];
}) {
  const { x, y, w, h, d } = box;
  const dx = d * DEPTH_X;
  const dy = d * DEPTH_Y;
  return (
    <g className={BOX_CLASS[kind]} aria-hidden="true">
      <polygon
        className="volume-diagram__face volume-diagram__face--top"
        points={`${x},${y} ${x + dx},${y - dy} ${x + w + dx},${y - dy} ${x + w},${y}`}
      />
      <polygon
        className="volume-diagram__face volume-diagram__face--side"
        points={`${x + w},${y} ${x + w + dx},${y - dy} ${x + w + dx},${y + h - dy} ${x + w},${y + h}`}
      />
      <rect className="volume-diagram__face" x={x} y={y} width={w} height={h} />
      <text x={x - 4} y={y + h / 2} dy="0.35em" textAnchor="end" fontSize={11}>
        {sides[0]}
      </text>
      <text x={x + w / 2} y={y + h + 13} textAnchor="middle" fontSize={11}>
        {sides[1]}
      </text>
      <text x={x + w + dx / 2 + 4} y={y + h - dy / 2 + 4} textAnchor="start" fontSize={11}>
        {sides[2]}
      </text>
      <text x={x + (w + dx) / 2} y={y + h + 30} textAnchor="middle" fontSize={13} fontWeight={600}>
        {label}
      </text>
    </g>
  );
}
