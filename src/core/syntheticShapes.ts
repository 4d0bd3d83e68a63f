/**
 * A built-in data set of simple drawn shapes (circle, cross, triangle), made procedurally so it
 * ships as code, not data: each example is one outline with seeded jitter in position, size,
 * turn and pen width, anti-aliased and drawn in MNIST's style (ink high, about 20 px across in
 * the 28 px field, a stroke 2 to 3 px wide). Pure.
 */
import { EXAMPLE_PIXELS, EXAMPLE_SIDE, type DataSet } from './dataSet';
import { deriveSeed, mulberry32 } from './random';

export const SHAPE_KINDS = ['circle', 'cross', 'triangle'] as const;
export type ShapeKind = (typeof SHAPE_KINDS)[number];

/** Sub-samples per pixel side: 4 × 4 = 16 coverage levels per pixel edge. */
const SUPERSAMPLE = 4;

interface Segment {
  ax: number;
  ay: number;
  bx: number;
  by: number;
}

/** Distance from (px, py) to a segment. */
function segmentDistance(px: number, py: number, { ax, ay, bx, by }: Segment): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** One shape outline: the distance from a point (in pixels) to the pen's centre line. */
type Outline = (x: number, y: number) => number;

function outlineOf(kind: ShapeKind, rng: () => number): { outline: Outline; penPx: number } {
  const between = (lo: number, hi: number) => lo + (hi - lo) * rng();
  const cx = EXAMPLE_SIDE / 2 + between(-1.5, 1.5);
  const cy = EXAMPLE_SIDE / 2 + between(-1.5, 1.5);
  const radius = between(7, 9.5);
  const turn = between(-0.25, 0.25); // radians, about ±14°
  const penPx = between(2, 3);
  if (kind === 'circle') {
    // A slightly oval ring, as a hand draws one.
    const rx = radius * between(0.88, 1.08);
    const ry = radius * between(0.88, 1.08);
    const mean = Math.sqrt(rx * ry);
    return { outline: (x, y) => Math.abs(Math.hypot((x - cx) / rx, (y - cy) / ry) - 1) * mean, penPx };
  }
  const corners =
    kind === 'cross'
      ? [Math.PI / 4, (3 * Math.PI) / 4, (5 * Math.PI) / 4, (7 * Math.PI) / 4]
      : [-Math.PI / 2, Math.PI / 6, (5 * Math.PI) / 6];
  const points = corners.map((angle) => ({
    x: cx + radius * Math.cos(angle + turn),
    y: cy + radius * Math.sin(angle + turn) + (kind === 'triangle' ? radius * 0.15 : 0), // centre the area, not the circumcircle
  }));
  const [p0, p1, p2, p3] = points as [{ x: number; y: number }, ...{ x: number; y: number }[]];
  const segment = (a: { x: number; y: number }, b: { x: number; y: number }): Segment => ({
    ax: a.x,
    ay: a.y,
    bx: b.x,
    by: b.y,
  });
  const segments =
    kind === 'cross' ? [segment(p0, p2!), segment(p1!, p3!)] : [segment(p0, p1!), segment(p1!, p2!), segment(p2!, p0)];
  return {
    outline: (x, y) => {
      let nearest = Infinity;
      for (const s of segments) nearest = Math.min(nearest, segmentDistance(x, y, s));
      return nearest;
    },
    penPx,
  };
}

/**
 * One example of `kind`: EXAMPLE_PIXELS bytes, row-major, 0 = paper, 255 = ink, each pixel's
 * ink the share of its sub-samples under the pen (anti-aliasing). Draws from `rng`.
 */
export function drawShape(kind: ShapeKind, rng: () => number): Uint8Array {
  const { outline, penPx } = outlineOf(kind, rng);
  const half = penPx / 2;
  const bytes = new Uint8Array(EXAMPLE_PIXELS);
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  for (let row = 0; row < EXAMPLE_SIDE; row++) {
    for (let col = 0; col < EXAMPLE_SIDE; col++) {
      let covered = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = col + (sx + 0.5) / SUPERSAMPLE;
          const y = row + (sy + 0.5) / SUPERSAMPLE;
          if (outline(x, y) <= half) covered++;
        }
      }
      bytes[row * EXAMPLE_SIDE + col] = Math.round((covered / samples) * 255);
    }
  }
  return bytes;
}

/**
 * The shapes set: classes circle, cross, triangle (labels 0, 1, 2), `perClass` examples each.
 * The same seed gives the same bytes; each class draws from its own seeded stream.
 */
export function shapesDataSet(perClass: number, seed: number): DataSet {
  return {
    classes: SHAPE_KINDS.map((kind, k) => {
      const rng = mulberry32(deriveSeed(seed, k));
      return { name: kind, examples: Array.from({ length: perClass }, () => drawShape(kind, rng)) };
    }),
  };
}
