/**
 * Shape checks and message wording shared by the app's two layer languages: ModelSpec
 * (analysed by shapes.ts) and the history chapter's Architecture (architectureAnalysis.ts).
 * Shapes are HWC ([height, width, channels]) or [units], batch dimension excluded.
 *
 * Every message starts with `where`, the phrase that names the layer, e.g.
 * "layer 3 (conv 5×5, valid)". Where the two languages word a message differently, each
 * passes its own words, so both keep the sentences their users and tests know.
 */

import type { Shape } from './modelSpec';

/** A volume's [height, width, channels]. */
export type Hwc = [height: number, width: number, channels: number];

/** What a layer passes on: its output shape (null when it cannot be inferred) and its trainable parameters. */
export interface Flow {
  shape: Shape | null;
  params: number;
}

/** The flow out of a layer whose input or settings are unusable: unknown shape, no parameters. */
export const UNKNOWN_FLOW: Flow = { shape: null, params: 0 };

/** The shape as [height, width, channels], or null when it does not have three sizes (e.g. a vector). */
export function asSpatial(shape: Shape): Hwc | null {
  const [height, width, channels] = shape;
  if (shape.length !== 3 || height === undefined || width === undefined || channels === undefined) return null;
  return [height, width, channels];
}

/** Whether `value` is three positive whole numbers, i.e. an input shape that inference can start from. */
export function isHwcShape(value: unknown): value is Hwc {
  return Array.isArray(value) && value.length === 3 && value.every((size) => isWholeNumber(size, 1));
}

/** The length of the vector that flattening `shape` gives: the product of its sizes. */
export function flattenedSize(shape: Shape): number {
  return shape.reduce((product, size) => product * size, 1);
}

/** Whether `value` is a whole number from `min` to `max`. */
export function isWholeNumber(value: unknown, min: number, max = Infinity): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Whether `value` is one of `names` (a list such as modelSpec's PADDINGS). */
export function isOneOf<Name extends string>(names: readonly Name[], value: unknown): value is Name {
  return names.some((name) => name === value);
}

/** A setting as messages quote it: strings in double quotes (so "" shows), anything else as String() writes it. */
export function formatValue(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** Sizes joined by "×", e.g. "28×28×1"; a value that is not an array is written as formatValue writes it. */
export function formatShape(shape: unknown): string {
  return Array.isArray(shape) ? shape.map(formatValue).join('×') : formatValue(shape);
}

/** Choices as a sentence lists them: "a", "a or b", "a, b or c". */
export function orList(choices: readonly string[]): string {
  const last = choices[choices.length - 1] ?? '';
  return choices.length < 2 ? last : `${choices.slice(0, -1).join(', ')} or ${last}`;
}

/** `name` in double quotes, as messages write a keyword the user must type. */
export function quoted(name: string): string {
  return `"${name}"`;
}

/** "<where>: <name> must be <requirement>, not <value>", e.g. "…: stride must be a positive whole number, not 0". */
export function settingMessage(where: string, name: string, requirement: string, value: unknown): string {
  return `${where}: ${name} must be ${requirement}, not ${formatValue(value)}`;
}

/** No message when `value` is a whole number in `range`; else the one that names the range (ModelSpec's limits). */
export function rangeMessages(
  where: string,
  name: string,
  value: unknown,
  range: { min: number; max: number },
): string[] {
  if (isWholeNumber(value, range.min, range.max)) return [];
  return [settingMessage(where, name, `a whole number from ${range.min} to ${range.max}`, value)];
}

/** No message when `value` is a positive whole number; else the one that says so (Architecture's check). */
export function positiveMessages(where: string, name: string, value: unknown): string[] {
  return isWholeNumber(value, 1) ? [] : [settingMessage(where, name, 'a positive whole number', value)];
}

/** No message when 0 ≤ rate < 1; else the one that says so (the same in both languages). */
export function dropoutRateMessages(where: string, rate: unknown): string[] {
  if (typeof rate === 'number' && rate >= 0 && rate < 1) return [];
  return [settingMessage(where, 'the dropout rate', 'at least 0 and below 1', rate)];
}

/**
 * Said of a conv or pool layer whose input is a vector: "<where> needs a height×width×channels
 * input but gets a vector of 12 values". `vector` names what it gets ("vector", or "flat
 * vector" in ModelSpec's wording); `advice`, when given, follows after "; ".
 */
export function notSpatialMessage(where: string, input: Shape, vector: string, advice?: string): string {
  const message = `${where} needs a height×width×channels input but gets a ${vector} of ${formatShape(input)} values`;
  return advice === undefined ? message : `${message}; ${advice}`;
}

/**
 * Said of a dense layer whose input is a volume: "<where> gets a 2×2×3 input; add a flatten
 * layer before it". `need`, when given, is said first: "… input but needs a vector; …".
 */
export function needsFlattenMessage(where: string, input: Shape, need?: string): string {
  const complaint = need === undefined ? '' : ` but needs ${need}`;
  return `${where} gets a ${formatShape(input)} input${complaint}; add a flatten layer before it`;
}

/** ModelSpec's wording for a window larger than its input: "<where> needs an input of at least 5×5 but gets 4×4". */
export function inputTooSmallMessage(where: string, windowSize: number, [height, width]: Hwc): string {
  return `${where} needs an input of at least ${windowSize}×${windowSize} but gets ${height}×${width}`;
}

/**
 * Architecture's wording for a window larger than its padded input:
 * "<where>: its 5×3 window does not fit the 4×4 input (6×6 with padding)".
 */
export function windowDoesNotFitMessage(
  where: string,
  [kh, kw]: [number, number],
  [h, w]: Hwc,
  padding: number,
): string {
  const padded = padding > 0 ? ` (${h + 2 * padding}×${w + 2 * padding} with padding)` : '';
  return `${where}: its ${kh}×${kw} window does not fit the ${h}×${w} input${padded}`;
}
