import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../core/modelSpec';
import type { LayerSnapshot, Snapshot } from '../protocol/messages';
import { moveCell, traceSnapshot, type SnapshotTrace } from './traceSnapshot';

/** conv 3×3 same relu (2 filters) → max pool 2 → flatten → dense 3 softmax, on a 4×4 image. */
const SPEC: ModelSpec = {
  inputShape: [4, 4, 1],
  layers: [
    { kind: 'conv2d', filters: 2, kernelSize: 3, stride: 1, padding: 'same', activation: 'relu' },
    { kind: 'maxPool', poolSize: 2, stride: 2 },
    { kind: 'flatten' },
    { kind: 'dense', units: 3, activation: 'softmax' },
  ],
};

/** Pixels 1..16 row by row, so every window sum is easy to add up by hand. */
const INPUT = Float32Array.from({ length: 16 }, (_, i) => i + 1);
/** Filter 0 is all +1, filter 1 all −1; [3, 3, 1, 2] interleaves them. */
const CONV_KERNEL = Float32Array.from({ length: 18 }, (_, i) => (i % 2 === 0 ? 1 : -1));
const CONV_BIAS = Float32Array.of(0.5, 0.5);
/** [8, 3]: weight from input i to unit u is (i + 1) · (u − 1) / 100, so unit 1 weighs nothing. */
const DENSE_KERNEL = Float32Array.from({ length: 24 }, (_, k) => ((Math.floor(k / 3) + 1) * ((k % 3) - 1)) / 100);
const DENSE_BIAS = Float32Array.of(0.1, 0.2, 0.3);

/** A straightforward forward pass, written apart from core/trace, to fill the snapshot. */
function forward(): LayerSnapshot[] {
  const conv = new Float32Array(4 * 4 * 2);
  for (let r = 0; r < 4; r++)
    for (let c = 0; c < 4; c++)
      for (let f = 0; f < 2; f++) {
        let sum = CONV_BIAS[f] as number;
        for (let i = -1; i <= 1; i++)
          for (let j = -1; j <= 1; j++) {
            const x = r + i >= 0 && r + i < 4 && c + j >= 0 && c + j < 4 ? (INPUT[(r + i) * 4 + c + j] as number) : 0;
            sum += x * (f === 0 ? 1 : -1);
          }
        conv[(r * 4 + c) * 2 + f] = Math.max(0, sum);
      }
  const pooled = new Float32Array(2 * 2 * 2);
  for (let r = 0; r < 2; r++)
    for (let c = 0; c < 2; c++)
      for (let f = 0; f < 2; f++) {
        const at = (i: number, j: number) => conv[((2 * r + i) * 4 + 2 * c + j) * 2 + f] as number;
        pooled[(r * 2 + c) * 2 + f] = Math.max(at(0, 0), at(0, 1), at(1, 0), at(1, 1));
      }
  const logits = [0, 1, 2].map(
    (u) => (DENSE_BIAS[u] as number) + pooled.reduce((s, x, i) => s + x * (DENSE_KERNEL[i * 3 + u] as number), 0),
  );
  const exps = logits.map((z) => Math.exp(z - Math.max(...logits)));
  const probabilities = Float32Array.from(exps, (e) => e / exps.reduce((a, b) => a + b, 0));
  return [
    {
      layerIndex: 0,
      outputShape: [4, 4, 2],
      activations: conv,
      kernel: { shape: [3, 3, 1, 2], values: CONV_KERNEL },
      bias: CONV_BIAS,
    },
    { layerIndex: 1, outputShape: [2, 2, 2], activations: pooled, kernel: null, bias: null },
    { layerIndex: 2, outputShape: [8], activations: pooled.slice(), kernel: null, bias: null },
    {
      layerIndex: 3,
      outputShape: [3],
      activations: probabilities,
      kernel: { shape: [8, 3], values: DENSE_KERNEL },
      bias: DENSE_BIAS,
    },
  ];
}

const SNAPSHOT: Snapshot = { step: 7, sampleIndex: 0, input: INPUT, label: 1, layers: forward() };

function expectKind<K extends SnapshotTrace['kind']>(
  trace: SnapshotTrace,
  kind: K,
): Extract<SnapshotTrace, { kind: K }> {
  expect(trace.kind, trace.kind === 'unsupported' ? trace.reason : '').toBe(kind);
  return trace as Extract<SnapshotTrace, { kind: K }>;
}

describe('traceSnapshot', () => {
  it('traces a corner conv cell through its padded patch, the kernel, the bias and relu', () => {
    const trace = expectKind(traceSnapshot(SNAPSHOT, SPEC, { layer: 0, map: 0, row: 0, col: 0 }), 'conv');
    // The window covers pixels 1, 2, 5, 6 and a ring of padding above and to the left.
    expect(trace.channels[0]?.patch).toEqual([
      [null, null, null],
      [null, 1, 2],
      [null, 5, 6],
    ]);
    expect(trace.padding).toEqual({ top: 1, bottom: 0, left: 1, right: 0 });
    expect(trace.channels[0]?.sum).toBe(14);
    expect(trace.bias).toBe(0.5);
    expect(trace.preActivation).toBe(14.5);
    expect(trace.activation).toBe('relu');
    expect(trace.value).toBe(14.5);
    expect(trace.recomputed).toBe(14.5);
    expect(trace.agrees).toBe(true);
    expect(trace.inputShape).toEqual([4, 4, 1]);
  });

  it('shows relu clipping a negative sum to 0 on the second filter', () => {
    const trace = expectKind(traceSnapshot(SNAPSHOT, SPEC, { layer: 0, map: 1, row: 0, col: 0 }), 'conv');
    expect(trace.channels[0]?.kernel).toEqual([
      [-1, -1, -1],
      [-1, -1, -1],
      [-1, -1, -1],
    ]);
    expect(trace.preActivation).toBe(-13.5);
    expect(trace.value).toBe(0);
  });

  it('returns the value the snapshot holds at the cell, for every kind of layer', () => {
    const cells = [
      { layer: 0, map: 1, row: 2, col: 3, at: (2 * 4 + 3) * 2 + 1 },
      { layer: 1, map: 1, row: 1, col: 0, at: (1 * 2 + 0) * 2 + 1 },
      { layer: 3, map: 0, row: 0, col: 2, at: 2 },
    ];
    for (const { at, ...cell } of cells) {
      const trace = traceSnapshot(SNAPSHOT, SPEC, cell);
      expect(trace.kind).not.toBe('unsupported');
      expect(trace.value).toBe(SNAPSHOT.layers[cell.layer]?.activations[at]);
      if (trace.kind !== 'unsupported') {
        expect(trace.recomputed).toBeCloseTo(trace.value, 5);
        expect(trace.agrees).toBe(true);
      }
    }
  });

  it('finds the winner of a max-pool window', () => {
    const trace = expectKind(traceSnapshot(SNAPSHOT, SPEC, { layer: 1, map: 0, row: 0, col: 0 }), 'pool');
    expect(trace.pool).toBe('max');
    // conv map 0 at rows 0–1, cols 0–1: window sums 14, 24, 33, 54, each plus the bias 0.5.
    expect(trace.window).toEqual([
      [14.5, 24.5],
      [33.5, 54.5],
    ]);
    if (trace.pool === 'max') expect(trace.winner).toEqual({ row: 1, col: 1 });
    expect(trace.value).toBe(54.5);
  });

  it('traces an average pool and reports its mean', () => {
    const spec: ModelSpec = { ...SPEC, layers: [SPEC.layers[0]!, { kind: 'avgPool', poolSize: 2, stride: 2 }] };
    const [conv] = SNAPSHOT.layers;
    const pooled = Float32Array.from({ length: 8 }, () => 0);
    pooled[0] = (14.5 + 24.5 + 33.5 + 54.5) / 4;
    const snapshot = {
      ...SNAPSHOT,
      layers: [conv!, { layerIndex: 1, outputShape: [2, 2, 2], activations: pooled, kernel: null, bias: null }],
    };
    const trace = expectKind(traceSnapshot(snapshot, spec, { layer: 1, map: 0, row: 0, col: 0 }), 'pool');
    expect(trace.pool).toBe('avg');
    if (trace.pool === 'avg') expect(trace.mean).toBe(31.75);
    expect(trace.value).toBe(31.75);
  });

  it('traces a softmax unit with its logits and says where the flattened inputs came from', () => {
    const trace = expectKind(traceSnapshot(SNAPSHOT, SPEC, { layer: 3, map: 0, row: 0, col: 2 }), 'dense');
    expect(trace.activation).toBe('softmax');
    expect(trace.logits).toHaveLength(3);
    expect(trace.probability).toBeCloseTo(SNAPSHOT.layers[3]!.activations[2]!, 6);
    expect(trace.contributions).toHaveLength(8);
    expect(trace.restCount).toBe(0);
    const first = trace.contributions[0]!;
    expect(first.product).toBeCloseTo(first.input * first.weight, 6);
    const sources = trace.sources;
    trace.contributions.forEach((c, k) => {
      // HWC flattening of [2, 2, 2]: index = (row·2 + col)·2 + map.
      const source = sources[k]!;
      expect(source.layer).toBe(1);
      expect((source.row * 2 + source.col) * 2 + source.map).toBe(c.index);
    });
    // Unit 1's weights are all 0: its logit is its bias.
    expect(trace.logits?.[1]).toBeCloseTo(0.2, 6);
  });

  it('says which pooled cell a flatten unit copies', () => {
    const trace = expectKind(traceSnapshot(SNAPSHOT, SPEC, { layer: 2, map: 0, row: 0, col: 5 }), 'unsupported');
    // 5 = (row 1 · 2 + col 0) · 2 + map 1.
    expect(trace.source).toEqual({ layer: 1, map: 1, row: 1, col: 0 });
    expect(trace.reason).toContain('map 1, row 1, col 0');
    expect(trace.value).toBe(SNAPSHOT.layers[2]!.activations[5]);
  });

  it('rejects cells outside the layer, naming its range', () => {
    for (const cell of [
      { layer: 0, map: 2, row: 0, col: 0 },
      { layer: 0, map: 0, row: 4, col: 0 },
      { layer: 0, map: 0, row: 0, col: -1 },
      { layer: 0, map: 0, row: 0.5, col: 0 },
      { layer: 3, map: 1, row: 0, col: 0 },
      { layer: 3, map: 0, row: 0, col: 3 },
    ]) {
      const trace = expectKind(traceSnapshot(SNAPSHOT, SPEC, cell), 'unsupported');
      expect(trace.value).toBeNull();
      expect(trace.reason).toMatch(/outside|units/);
    }
    expect(
      expectKind(traceSnapshot(SNAPSHOT, SPEC, { layer: 4, map: 0, row: 0, col: 0 }), 'unsupported').reason,
    ).toContain('no layer 4');
  });

  it('explains missing data instead of throwing', () => {
    const noInput = { ...SNAPSHOT, layers: SNAPSHOT.layers.filter((l) => l.layerIndex !== 0) };
    expect(
      expectKind(traceSnapshot(noInput, SPEC, { layer: 1, map: 0, row: 0, col: 0 }), 'unsupported').reason,
    ).toContain('layer 0');
    const noWeights = {
      ...SNAPSHOT,
      layers: SNAPSHOT.layers.map((l) => (l.layerIndex === 0 ? { ...l, kernel: null } : l)),
    };
    expect(
      expectKind(traceSnapshot(noWeights, SPEC, { layer: 0, map: 0, row: 0, col: 0 }), 'unsupported').reason,
    ).toContain('no weights');
  });

  it('flags a snapshot value that the weights do not reproduce', () => {
    const conv = SNAPSHOT.layers[0]!;
    const activations = conv.activations.slice();
    activations[0] = 99;
    const snapshot = { ...SNAPSHOT, layers: [{ ...conv, activations }, ...SNAPSHOT.layers.slice(1)] };
    const trace = expectKind(traceSnapshot(snapshot, SPEC, { layer: 0, map: 0, row: 0, col: 0 }), 'conv');
    expect(trace.value).toBe(99);
    expect(trace.recomputed).toBe(14.5);
    expect(trace.agrees).toBe(false);
  });

  it('stops at an inception block and names the region of its input', () => {
    const spec: ModelSpec = {
      inputShape: [4, 4, 1],
      layers: [SPEC.layers[0]!, { kind: 'inception', filters1x1: 1, filters3x3: 1, filters5x5: 1, poolProj: 1 }],
    };
    const block = {
      layerIndex: 1,
      outputShape: [4, 4, 4],
      activations: new Float32Array(64),
      kernel: null,
      bias: null,
    };
    const snapshot = { ...SNAPSHOT, layers: [SNAPSHOT.layers[0]!, block] };
    const trace = expectKind(traceSnapshot(snapshot, spec, { layer: 1, map: 3, row: 0, col: 1 }), 'unsupported');
    // A 5×5 window around (0, 1), clipped to the 4×4 map.
    expect(trace.reason).toContain('rows 0–2, cols 0–3 of every channel of layer 0');
    expect(trace.value).toBe(0);
  });

  it('says a dropout passes the previous layer’s cell through', () => {
    const spec: ModelSpec = { inputShape: [4, 4, 1], layers: [SPEC.layers[0]!, { kind: 'dropout', rate: 0.5 }] };
    const conv = SNAPSHOT.layers[0]!;
    const snapshot = { ...SNAPSHOT, layers: [conv, { ...conv, layerIndex: 1, kernel: null, bias: null }] };
    const trace = expectKind(traceSnapshot(snapshot, spec, { layer: 1, map: 1, row: 2, col: 3 }), 'unsupported');
    expect(trace.source).toEqual({ layer: 0, map: 1, row: 2, col: 3 });
  });
});

describe('moveCell', () => {
  const cell = { layer: 0, map: 1, row: 0, col: 3 };

  it('moves one cell within the map and stops at its edges', () => {
    expect(moveCell(cell, 'down', [4, 4, 2])).toEqual({ ...cell, row: 1 });
    expect(moveCell(cell, 'up', [4, 4, 2])).toEqual(cell);
    expect(moveCell(cell, 'right', [4, 4, 2])).toEqual(cell);
    expect(moveCell(cell, 'left', [4, 4, 2])).toEqual({ ...cell, col: 2 });
    expect(moveCell(cell, 'nextMap', [4, 4, 2])).toEqual(cell);
    expect(moveCell(cell, 'previousMap', [4, 4, 2])).toEqual({ ...cell, map: 0 });
  });

  it('moves along the units of a flat layer', () => {
    const unit = { layer: 3, map: 0, row: 0, col: 1 };
    expect(moveCell(unit, 'right', [3])).toEqual({ ...unit, col: 2 });
    expect(moveCell({ ...unit, col: 2 }, 'right', [3])).toEqual({ ...unit, col: 2 });
    expect(moveCell(unit, 'down', [3])).toEqual(unit);
  });

  it('brings a cell outside the map back inside', () => {
    expect(moveCell({ layer: 0, map: 5, row: 9, col: -2 }, 'up', [4, 4, 2])).toEqual({
      layer: 0,
      map: 1,
      row: 3,
      col: 0,
    });
  });
});
