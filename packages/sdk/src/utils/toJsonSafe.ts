/** A value `JSON.stringify` keeps as it is. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Bigints become decimal strings, recursively; everything else a decoded ABI value can be is JSON already. */
export function toJsonSafe(value: unknown): JsonValue {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(toJsonSafe);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, toJsonSafe(field)]));
  }
  if (value === undefined) return null;
  return value as JsonValue;
}
