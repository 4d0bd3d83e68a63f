/**
 * What an Architecture layer's own settings may be (see architecture.ts): the checks that
 * architectureAnalysis runs before it looks at the layer's input. PyTorch's rules.
 */

import { adaptiveSizeOf, formatArchShape, type ArchConv2d, type ArchPool, type ArchSimpleLayer } from './architecture';
import {
  dropoutRateMessages,
  isOneOf,
  isWholeNumber,
  orList,
  positiveMessages,
  quoted,
  settingMessage,
} from './layerChecks';
import { PADDINGS } from './modelSpec';

/** Problems with a layer's own settings, independent of its input; [] when there are none. */
export function archSettingMessages(layer: ArchSimpleLayer, where: string): string[] {
  switch (layer.kind) {
    case 'conv2d':
      return convMessages(layer, where);
    case 'maxPool':
    case 'avgPool':
      return poolMessages(layer, where);
    case 'adaptiveAvgPool': {
      const size = adaptiveSizeOf(layer);
      if (size.every((side) => isWholeNumber(side, 1))) return [];
      return [`${where}: the output size must be positive whole numbers, not ${formatArchShape(size)}`];
    }
    case 'dense':
      return positiveMessages(where, 'units', layer.units);
    case 'dropout':
      return dropoutRateMessages(where, layer.rate);
    case 'batchNorm':
    case 'relu':
    case 'tanh':
    case 'lrn':
    case 'flatten':
      return [];
  }
}

function convMessages(layer: ArchConv2d, where: string): string[] {
  const kernel = typeof layer.kernel === 'number' ? [layer.kernel] : Array.isArray(layer.kernel) ? layer.kernel : [NaN];
  const kernelOk = kernel.length >= 1 && kernel.length <= 2 && kernel.every((side) => isWholeNumber(side, 1));
  const padding = layer.padding ?? 'valid';
  const paddingOk = isOneOf(PADDINGS, padding) || isWholeNumber(padding, 0);
  const paddings = orList([...PADDINGS.map(quoted), 'a whole number of cells']);
  return [
    ...positiveMessages(where, 'filters', layer.filters),
    ...(kernelOk
      ? []
      : [
          `${where}: the kernel must be a positive whole number or [height, width], not ${formatArchShape(layer.kernel)}`,
        ]),
    ...positiveMessages(where, 'stride', layer.stride ?? 1),
    ...(paddingOk ? [] : [settingMessage(where, 'padding', paddings, padding)]),
  ];
}

function poolMessages(layer: ArchPool, where: string): string[] {
  const padding = layer.padding ?? 0;
  const messages = [
    ...positiveMessages(where, 'pool size', layer.size),
    ...positiveMessages(where, 'stride', layer.stride ?? layer.size),
  ];
  if (!isWholeNumber(padding, 0)) {
    messages.push(settingMessage(where, 'padding', 'a whole number of cells', padding));
  } else if (isWholeNumber(layer.size, 1) && padding > layer.size / 2) {
    // PyTorch refuses a pad beyond half the window: a window could then see only padding.
    const most = Math.floor(layer.size / 2);
    messages.push(
      `${where}: padding ${padding} is more than half the ${layer.size}×${layer.size} window; use at most ${most}`,
    );
  }
  return messages;
}
