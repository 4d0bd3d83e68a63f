import { describe, expect, it } from 'vitest';
import { ACTIVATION_SCHEMA, parseActivationParams } from './activationParams';
import { CHANNELS_SCHEMA, parseChannelsParams } from './channelsParams';
import { CONVOLUTION_SCHEMA, parseConvolutionParams, parsePoolingParams, POOLING_SCHEMA } from './explorableParams';
import { serializeParams } from './urlSchema';

describe("each explorable's URL state", () => {
  it('round-trips a non-default convolution state, custom kernel and edited cells included', () => {
    const { value } = parseConvolutionParams(
      new URLSearchParams(
        'size=3&cells=1,2,3,4,5,6,7,8,9&kernel=2&preset=custom&weights=1,-1,0.5,2&stride=2&pad=same&dilation=1&bias=-1.5',
      ),
    );
    expect(value).toMatchObject({
      size: 3,
      kernel: 2,
      preset: 'custom',
      weights: [1, -1, 0.5, 2],
      pad: 'same',
      bias: -1.5,
    });
    expect(parseConvolutionParams(serializeParams(CONVOLUTION_SCHEMA, value)).value).toEqual(value);
  });

  it('falls back when edited cells or custom weights do not fit the sizes', () => {
    const { value, notices } = parseConvolutionParams(
      new URLSearchParams('size=4&cells=1,2,3&preset=custom&kernel=2&weights=1'),
    );
    expect(value.cells).toEqual([]);
    expect(value.weights).toEqual([0, 0, 0, 0]);
    expect(notices).toEqual([
      'An edited 4×4 input needs 16 values but got 3; using the generated grid.',
      'A custom 2×2 kernel needs 4 weights but got 1; using zeros.',
    ]);
  });

  it('round-trips pooling, activation and channels states', () => {
    const pooling = parsePoolingParams(new URLSearchParams('source=maps&pool=avg&window=3&stride=3')).value;
    expect(parsePoolingParams(serializeParams(POOLING_SCHEMA, pooling)).value).toEqual(pooling);
    const activation = parseActivationParams(new URLSearchParams('fn=tanh&source=image&kernel=sobelY&bias=1.5')).value;
    expect(activation).toMatchObject({ fn: 'tanh', source: 'image', kernel: 'sobelY', bias: 1.5 });
    expect(parseActivationParams(serializeParams(ACTIVATION_SCHEMA, activation)).value).toEqual(activation);
    const channels = parseChannelsParams(
      new URLSearchParams('size=8&filters=4&kernel=5&stride=2&pad=same&seed=9&filter=3'),
    ).value;
    expect(channels).toMatchObject({ size: 8, filters: 4, kernel: 5, filter: 3 });
    expect(parseChannelsParams(serializeParams(CHANNELS_SCHEMA, channels)).value).toEqual(channels);
  });

  it('never throws on garbage and says what it ignored', () => {
    const garbage = new URLSearchParams('fn=swish&source=%00&filters=-3&filter=NaN&pool=median&cells=a,b');
    expect(parseActivationParams(garbage).notices.length).toBeGreaterThan(0);
    expect(parseChannelsParams(garbage).notices.length).toBeGreaterThan(0);
    expect(parsePoolingParams(garbage).notices.length).toBeGreaterThan(0);
    expect(parseConvolutionParams(garbage).notices).toEqual([
      'cells must be up to 81 comma-separated numbers from -99 to 99; using the default.',
    ]);
  });
});
