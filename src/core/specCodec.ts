/**
 * A compact, readable URL form of a ModelSpec's layers, e.g.
 *
 *   conv8k5s1valid-relu_maxpool2s2_conv16k5s1valid-relu_maxpool2s2_flatten_dense10-softmax
 *
 * Grammar (layers joined by "_", which URLSearchParams leaves unescaped; "." cannot be the
 * separator because dropout rates are decimals):
 *
 *   conv<filters>k<kernel size>s<stride><valid|same>-<activation>   conv16k5s1valid-relu
 *   maxpool<pool size>s<stride>                                     maxpool2s2
 *   avgpool<pool size>s<stride>                                     avgpool2s2
 *   flatten                                                         flatten
 *   dense<units>-<activation>                                       dense10-softmax
 *   dropout<rate>                                                   dropout0.25
 *   inception<1×1>-<3×3>-<5×5>-<pool proj>                          inception8-8-4-4
 *   residual<filters>                                               residual16
 *
 * inception: the filters of its 1×1, 3×3 and 5×5 conv branches and of the 1×1 conv after its
 * 3×3 max pool branch. residual: the filters of both 3×3 convs (and of the 1×1 shortcut
 * projection, present when the input's channels differ).
 * activation: relu | leakyRelu | sigmoid | tanh | linear | softmax. Keywords are read
 * case-insensitively; encodeSpec writes them as above. Numbers are plain decimals (an
 * exponent such as 1e-7 is accepted too). The codec only checks syntax: numbers outside
 * SPEC_LIMITS (or misplaced layers) decode fine and are reported by analyzeSpec. The input
 * shape is not encoded; it is always [28, 28, 1]. Decoding never throws.
 */

import { LAYER_ACTIVATIONS, PADDINGS, type Activation, type LayerSpec, type ModelSpec } from './modelSpec';

/** Most layers a decoded spec may have. */
export const MAX_ENCODED_LAYERS = 20;

/** Separator between layer tokens. */
const LAYER_SEPARATOR = '_';

/** Longest text decodeSpec looks at; anything longer cannot be a ≤20-layer spec someone wrote. */
const MAX_TEXT_LENGTH = 2000;

export type DecodeResult = { spec: ModelSpec } | { error: string };

/** The URL form of `spec.layers` (the input shape is implied). */
export function encodeSpec(spec: ModelSpec): string {
  return spec.layers.map(encodeLayer).join(LAYER_SEPARATOR);
}

/** The URL form of one layer, e.g. "conv8k5s1valid-relu". */
function encodeLayer(layer: LayerSpec): string {
  switch (layer.kind) {
    case 'conv2d':
      return `conv${num(layer.filters)}k${num(layer.kernelSize)}s${num(layer.stride)}${layer.padding}-${layer.activation}`;
    case 'maxPool':
      return `maxpool${num(layer.poolSize)}s${num(layer.stride)}`;
    case 'avgPool':
      return `avgpool${num(layer.poolSize)}s${num(layer.stride)}`;
    case 'flatten':
      return 'flatten';
    case 'dense':
      return `dense${num(layer.units)}-${layer.activation}`;
    case 'dropout':
      return `dropout${num(layer.rate)}`;
    case 'inception':
      return `inception${[layer.filters1x1, layer.filters3x3, layer.filters5x5, layer.poolProj].map(num).join('-')}`;
    case 'residual':
      return `residual${num(layer.filters)}`;
  }
}

function num(value: number): string {
  return String(value);
}

/** Reads the URL form back; on failure, a sentence naming the layer (from 1) and its token. */
export function decodeSpec(text: string): DecodeResult {
  if (typeof text !== 'string') return { error: 'the architecture must be text' };
  const trimmed = text.trim();
  if (trimmed === '') return { error: `the architecture is empty; write layers like ${EXAMPLE}` };
  if (trimmed.length > MAX_TEXT_LENGTH) {
    return { error: `the architecture is ${trimmed.length} characters long, more than the ${MAX_TEXT_LENGTH} allowed` };
  }
  const tokens = trimmed.split(LAYER_SEPARATOR);
  if (tokens.length > MAX_ENCODED_LAYERS) {
    return { error: `the architecture has ${tokens.length} layers; at most ${MAX_ENCODED_LAYERS} are allowed` };
  }
  const layers: LayerSpec[] = [];
  for (const [index, token] of tokens.entries()) {
    const result = decodeLayer(token.trim(), index + 1);
    if ('error' in result) return result;
    layers.push(result.layer);
  }
  return { spec: { inputShape: [28, 28, 1], layers } };
}

const EXAMPLE = 'conv8k5s1valid-relu_maxpool2s2_flatten_dense10-softmax';

// A plain decimal, optionally signed, optionally with an exponent.
const NUM = '(-?\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?)';
const WORD = '([a-z]*)';

interface Form {
  prefix: string;
  pattern: RegExp;
  usage: string;
  build: (parts: string[], token: string, layerNumber: number) => { layer: LayerSpec } | { error: string };
}

const FORMS: Form[] = [
  {
    prefix: 'conv',
    pattern: new RegExp(`^conv${NUM}k${NUM}s${NUM}${WORD}-${WORD}$`, 'i'),
    usage: 'conv<filters>k<kernel size>s<stride><valid|same>-<activation>, e.g. conv16k5s1valid-relu',
    build: ([filters, kernelSize, stride, padding, activation], token, n) => {
      const pad = PADDINGS.find((p) => p === padding?.toLowerCase());
      if (!pad)
        return { error: `layer ${n} ('${token}') has padding '${padding ?? ''}'; use ${PADDINGS.join(' or ')}` };
      const act = readActivation(activation, token, n);
      if ('error' in act) return act;
      return {
        layer: {
          kind: 'conv2d',
          filters: Number(filters),
          kernelSize: Number(kernelSize),
          stride: Number(stride),
          padding: pad,
          activation: act.activation,
        },
      };
    },
  },
  {
    prefix: 'maxpool',
    pattern: new RegExp(`^maxpool${NUM}s${NUM}$`, 'i'),
    usage: 'maxpool<pool size>s<stride>, e.g. maxpool2s2',
    build: ([poolSize, stride]) => ({ layer: { kind: 'maxPool', poolSize: Number(poolSize), stride: Number(stride) } }),
  },
  {
    prefix: 'avgpool',
    pattern: new RegExp(`^avgpool${NUM}s${NUM}$`, 'i'),
    usage: 'avgpool<pool size>s<stride>, e.g. avgpool2s2',
    build: ([poolSize, stride]) => ({ layer: { kind: 'avgPool', poolSize: Number(poolSize), stride: Number(stride) } }),
  },
  {
    prefix: 'flatten',
    pattern: /^flatten$/i,
    usage: 'flatten',
    build: () => ({ layer: { kind: 'flatten' } }),
  },
  {
    prefix: 'dense',
    pattern: new RegExp(`^dense${NUM}-${WORD}$`, 'i'),
    usage: 'dense<units>-<activation>, e.g. dense10-softmax',
    build: ([units, activation], token, n) => {
      const act = readActivation(activation, token, n);
      if ('error' in act) return act;
      return { layer: { kind: 'dense', units: Number(units), activation: act.activation } };
    },
  },
  {
    prefix: 'dropout',
    pattern: new RegExp(`^dropout${NUM}$`, 'i'),
    usage: 'dropout<rate>, e.g. dropout0.25',
    build: ([rate]) => ({ layer: { kind: 'dropout', rate: Number(rate) } }),
  },
  {
    prefix: 'inception',
    pattern: new RegExp(`^inception${NUM}-${NUM}-${NUM}-${NUM}$`, 'i'),
    usage: 'inception<1x1 filters>-<3x3 filters>-<5x5 filters>-<pool proj filters>, e.g. inception8-8-4-4',
    build: ([filters1x1, filters3x3, filters5x5, poolProj]) => ({
      layer: {
        kind: 'inception',
        filters1x1: Number(filters1x1),
        filters3x3: Number(filters3x3),
        filters5x5: Number(filters5x5),
        poolProj: Number(poolProj),
      },
    }),
  },
  {
    prefix: 'residual',
    pattern: new RegExp(`^residual${NUM}$`, 'i'),
    usage: 'residual<filters>, e.g. residual16',
    build: ([filters]) => ({ layer: { kind: 'residual', filters: Number(filters) } }),
  },
];

function readActivation(
  text: string | undefined,
  token: string,
  layerNumber: number,
): { activation: Activation } | { error: string } {
  const activation = LAYER_ACTIVATIONS.find((a) => a.toLowerCase() === text?.toLowerCase());
  if (activation) return { activation };
  return {
    error: `layer ${layerNumber} ('${token}') has activation '${text ?? ''}'; use one of ${LAYER_ACTIVATIONS.join(', ')}`,
  };
}

function decodeLayer(token: string, layerNumber: number): { layer: LayerSpec } | { error: string } {
  if (token === '') {
    return { error: `layer ${layerNumber} is empty; remove the extra '${LAYER_SEPARATOR}'` };
  }
  for (const form of FORMS) {
    const match = form.pattern.exec(token);
    if (!match) continue;
    const parts = match.slice(1);
    // The pattern admits only decimals, so Number() is finite unless the value overflows.
    if (parts.some((part) => /^-?\d/.test(part) && !Number.isFinite(Number(part)))) {
      return { error: `layer ${layerNumber} ('${token}') has a number too large to use` };
    }
    return form.build(parts, token, layerNumber);
  }
  const shown = token.length > 40 ? `${token.slice(0, 40)}…` : token;
  const form = FORMS.find((f) => token.toLowerCase().startsWith(f.prefix));
  const expected = form
    ? `write it as ${form.usage}`
    : `use one of ${FORMS.map((f) => f.usage.split(',')[0]).join(', ')}`;
  return { error: `layer ${layerNumber} ('${shown}') is not a layer this app knows: ${expected}` };
}
