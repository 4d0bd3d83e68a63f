import { describe, expect, it } from 'vitest';
import { checkDataSet, EXAMPLE_SIDE } from './dataSet';
import { drawShape, shapesDataSet } from './syntheticShapes';
import { mulberry32 } from './random';

/** Mean ink (0–255) of the pixels of `example` within `radius` px of the field's centre. */
function centreInk(example: Uint8Array, radius: number): number {
  let sum = 0;
  let n = 0;
  const c = EXAMPLE_SIDE / 2 - 0.5;
  for (let r = 0; r < EXAMPLE_SIDE; r++)
    for (let col = 0; col < EXAMPLE_SIDE; col++)
      if (Math.hypot(r - c, col - c) <= radius) {
        sum += example[r * EXAMPLE_SIDE + col]!;
        n++;
      }
  return sum / n;
}

const meanOf = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('shapesDataSet', () => {
  const set = shapesDataSet(60, 11);

  it('holds circle, cross and triangle, 60 each, and passes checkDataSet', () => {
    expect(set.classes.map((c) => [c.name, c.examples.length])).toEqual([
      ['circle', 60],
      ['cross', 60],
      ['triangle', 60],
    ]);
    expect(checkDataSet(set)).toBeNull();
  });

  it('repeats for the same seed and differs for another', () => {
    expect(shapesDataSet(5, 11)).toEqual(shapesDataSet(5, 11));
    expect(shapesDataSet(5, 12).classes[0]!.examples[0]).not.toEqual(shapesDataSet(5, 11).classes[0]!.examples[0]);
  });

  it('jitters the examples of a class so no two are the same', () => {
    for (const c of set.classes) {
      const distinct = new Set(c.examples.map((e) => e.join(',')));
      expect(distinct.size).toBe(60);
    }
  });

  it('draws classes that differ: a ring has an empty middle, a cross crosses there', () => {
    const [circle, cross, triangle] = set.classes.map((c) => meanOf(c.examples.map((e) => centreInk(e, 2.5))));
    expect(circle).toBeLessThan(15);
    expect(cross).toBeGreaterThan(100);
    // The triangle's sides pass well away from its centre too, but its outline is not a ring.
    expect(triangle).toBeLessThan(40);
    const ringInk = (e: Uint8Array) => centreInk(e, 9.5) - centreInk(e, 6);
    expect(meanOf(set.classes[0]!.examples.map(ringInk))).toBeGreaterThan(
      meanOf(set.classes[2]!.examples.map(ringInk)) + 5,
    );
  });

  it('draws anti-aliased strokes of MNIST-like width inside the field, with a paper border', () => {
    const example = drawShape('circle', mulberry32(3));
    const values = Array.from(example);
    const partial = values.filter((v) => v > 0 && v < 255).length;
    const full = values.filter((v) => v === 255).length;
    expect(partial).toBeGreaterThan(20);
    expect(full).toBeGreaterThan(20);
    // Ink per unit of outline length: a ring of radius ~8 px is ~50 px long; 2–3 px wide ≈ 100–150 px of ink.
    const ink = values.reduce((a, b) => a + b, 0) / 255;
    expect(ink).toBeGreaterThan(70);
    expect(ink).toBeLessThan(200);
    for (let i = 0; i < EXAMPLE_SIDE; i++) {
      expect(example[i]).toBe(0); // top row
      expect(example[(EXAMPLE_SIDE - 1) * EXAMPLE_SIDE + i]).toBe(0); // bottom row
    }
  });
});
