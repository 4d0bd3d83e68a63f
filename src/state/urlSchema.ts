/**
 * One typed table per page drives its URL parameters both ways: parse (with
 * defaults, bounds and a notice for each bad value) and serialise (only what
 * differs from the defaults, so shared links stay short). Parsing never throws.
 */

export type Field<T> =
  | { kind: 'choice'; options: readonly T[]; default: T }
  | { kind: 'number'; min: number; max: number; integer: boolean; default: T }
  | { kind: 'numbers'; min: number; max: number; maxLength: number; default: T };

export type Schema<S> = { [K in keyof S]: Field<S[K]> };

export interface Parsed<T> {
  value: T;
  /** One sentence per rejected parameter, saying what was wrong and what was used instead. */
  notices: string[];
}

/** The defaults of every field. */
export function defaultsOf<S>(schema: Schema<S>): S {
  return Object.fromEntries(
    Object.entries(schema).map(([key, field]) => [key, (field as Field<unknown>).default]),
  ) as S;
}

/** Plain decimals for people (1e-6 reads as 0.000001). */
function formatBound(n: number): string {
  return n.toLocaleString('en', { maximumFractionDigits: 10, useGrouping: false });
}

/** Plain decimals with an optional exponent: not hex (0x5), binary, or JavaScript's other number forms. */
const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

/** The number a decimal text stands for, or NaN. */
function decimal(text: string): number {
  return DECIMAL.test(text) ? Number(text) : NaN;
}

function inRange(n: number, min: number, max: number, integer: boolean): boolean {
  return Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n));
}

/** Longest piece of a bad value a notice quotes: a 100 KB link must not become a 100 KB notice. */
const QUOTE_LIMIT = 40;

function quoted(raw: string): string {
  return raw.length > QUOTE_LIMIT
    ? `${raw.slice(0, QUOTE_LIMIT)}… (${raw.length.toLocaleString('en')} characters)`
    : raw;
}

function parseField<T>(key: string, text: string, field: Field<T>): { value: T } | { notice: string } {
  const raw = quoted(text);
  const fallback = `using ${Array.isArray(field.default) ? 'the default' : String(field.default)}`;
  switch (field.kind) {
    case 'choice': {
      const match = field.options.find((option) => String(option) === text);
      if (match !== undefined) return { value: match };
      return { notice: `${key}=${raw} is not one of ${field.options.join(', ')}; ${fallback}.` };
    }
    case 'number': {
      const n = decimal(text);
      if (inRange(n, field.min, field.max, field.integer)) return { value: n as T };
      const kind = field.integer ? 'a whole number' : 'a number';
      return {
        notice: `${key}=${raw} must be ${kind} from ${formatBound(field.min)} to ${formatBound(field.max)}; ${fallback}.`,
      };
    }
    case 'numbers': {
      const parts = text.split(',').map(decimal);
      if (parts.length <= field.maxLength && parts.every((n) => inRange(n, field.min, field.max, false)))
        return { value: parts as T };
      return {
        notice: `${key} must be up to ${field.maxLength} comma-separated numbers from ${formatBound(field.min)} to ${formatBound(field.max)}; ${fallback}.`,
      };
    }
  }
}

/** Reads a page's parameters; unknown keys are ignored. A key given twice uses its first value, with a notice. */
export function parseParams<S>(schema: Schema<S>, params: URLSearchParams): Parsed<S> {
  const value = defaultsOf(schema);
  const notices: string[] = [];
  for (const key of Object.keys(schema) as (keyof S & string)[]) {
    const all = params.getAll(key);
    const raw = all[0];
    if (raw === undefined) continue;
    if (all.length > 1)
      notices.push(`${key} appears ${all.length} times in the address; using the first (${quoted(raw)}).`);
    const result = parseField(key, raw, schema[key] as Field<unknown>);
    if ('value' in result) (value as Record<string, unknown>)[key] = result.value;
    else notices.push(result.notice);
  }
  return { value, notices };
}

/** Writes the parameters that differ from their defaults. */
export function serializeParams<S>(schema: Schema<S>, value: S): URLSearchParams {
  const defaults = defaultsOf(schema);
  const params = new URLSearchParams();
  for (const key of Object.keys(schema) as (keyof S & string)[]) {
    const text = String(value[key]);
    if (text !== String(defaults[key])) params.set(key, text);
  }
  return params;
}
