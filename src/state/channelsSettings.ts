/**
 * What the multi-channel explorable computes with, built from its URL state: the random
 * filters, the convolution settings, the feature maps, and the per-channel sums its
 * calculation line writes out. Every returned array is new and belongs to the caller.
 */
import {
  conv2dVolume,
  volumeChannel,
  type ConvSettings,
  type Matrix,
  type Pads,
  type Tap,
  type Volume,
} from '../core/convolution';
import { randomFilters, RGB_CHANNELS } from '../core/rgbImage';
import type { ChannelsParams } from './channelsParams';

/** Input sizes the form offers: each size up to 8 (cells still show numbers), then a few larger ones; all in CHANNELS_SCHEMA.size. */
export const INPUT_SIZE_CHOICES = [5, 6, 7, 8, 12, 16, 24, 32];

/** Stride and padding of the page state; this page never dilates. */
export function channelsConvSettings({ stride, pad }: Pick<ChannelsParams, 'stride' | 'pad'>): ConvSettings {
  return { stride, padding: pad, dilation: 1 };
}

/** The page's filters: `filters` random k×k×3 filters of −1, 0 and 1 for the seed. */
export function filtersOf({ filters, kernel, seed }: Pick<ChannelsParams, 'filters' | 'kernel' | 'seed'>): Volume[] {
  return randomFilters(filters, kernel, RGB_CHANNELS, seed);
}

/** One feature map per filter (no bias): each filter summed over all channels of `input`; empty maps when it does not fit. */
export function featureMapsOf(input: Volume, filters: Volume[], settings: ConvSettings): Matrix[] {
  const output = conv2dVolume(input, filters, new Array<number>(filters.length).fill(0), settings);
  return filters.map((_, n) => volumeChannel(output, n));
}

/** The filter the stepper shows (0-based), never past the last filter. */
export function shownFilterOf({ filter, filters }: Pick<ChannelsParams, 'filter' | 'filters'>): number {
  return Math.min(filter, filters - 1);
}

/** The state change for a new number of filters: the shown filter moves to the last one if it is gone. */
export function filterCountChange(state: Pick<ChannelsParams, 'filter'>, filters: number): Partial<ChannelsParams> {
  return { filters, filter: Math.min(state.filter, filters - 1) };
}

/** One channel's part of an output cell: the input·weight pairs under the filter, in tap order, and their sum. */
export interface ChannelTerms {
  /** Padding taps have input 0. */
  products: { input: number; weight: number }[];
  sum: number;
}

/**
 * Per input channel, the products under the filter at `taps` (from windowAt on the padded
 * input, whose ring is `pads`) and their sum. The output cell is the sum over channels.
 */
export function channelTerms(input: Volume, filter: Volume, taps: Tap[], pads: Pads): ChannelTerms[] {
  return Array.from({ length: RGB_CHANNELS }, (_, ch) => {
    const products = taps.map((tap) => ({
      input: tap.isPadding ? 0 : input[tap.row - pads.top]![tap.col - pads.left]![ch]!,
      weight: filter[tap.kr]![tap.kc]![ch]!,
    }));
    const sum = products.reduce(
      (total, { input, weight }, i) => (taps[i]!.isPadding ? total : total + input * weight),
      0,
    );
    return { products, sum };
  });
}
