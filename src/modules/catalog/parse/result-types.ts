/**
 * Result shape shared by the catalog parsers. Parsers never throw on input text: a failure is a value
 * that keeps the raw input and a stable, machine-readable reason.
 */
export type ParseResult<T, R extends string = string> =
  | { ok: true; value: T }
  | { ok: false; raw: string; reason: R; detail?: string };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const fail = <R extends string>(
  raw: string,
  reason: R,
  detail?: string,
): { ok: false; raw: string; reason: R; detail?: string } =>
  detail === undefined ? { ok: false, raw, reason } : { ok: false, raw, reason, detail };

/** A non-fatal issue found while normalising a record, attributed to a source field. */
export interface FieldProblem {
  field: string;
  reason: string;
}
