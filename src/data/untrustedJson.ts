/**
 * Reading JSON a user hands us (a model file, a data set file) without trusting it: records are
 * checked before use and only own properties are read, so a `__proto__` key stays data.
 */

/** A JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property only: a `__proto__` key in the file is data, never a prototype. */
export function field(record: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** A value for a message: short JSON, or "missing". */
export function quote(value: unknown): string {
  return value === undefined ? 'missing' : JSON.stringify(value).slice(0, 40);
}
