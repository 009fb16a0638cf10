/**
 * The procedure's online form (a JSON Schema published in the catalog) as a list of fields the page
 * can render, and the checks the browser makes before sending: the same rules the server applies
 * with ajv (required, type, enum, bounds, pattern, date format), so the applicant sees a message in
 * words next to the field instead of a rejected submission. The server stays the authority.
 *
 * Pure: no React, no DOM, unit-tested in test/web/form-schema.test.ts.
 */

export type FieldKind = 'text' | 'longtext' | 'number' | 'integer' | 'date' | 'enum' | 'boolean';

export type FormField = {
  name: string;
  kind: FieldKind;
  label: string;
  description: string | null;
  required: boolean;
  options: { value: string; label: string }[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  /** A checkbox that must be ticked (`const: true`), e.g. a sworn statement. */
  mustBeTrue?: boolean;
  /** The enum's values are numbers in the schema: sent back as numbers. */
  numericEnum?: boolean;
};

/** What the page holds while the applicant types: text for inputs, booleans for checkboxes. */
export type FormValues = Record<string, string | boolean>;

export type FieldProblem =
  | { kind: 'required' }
  | { kind: 'number' }
  | { kind: 'integer' }
  | { kind: 'date' }
  | { kind: 'enum' }
  | { kind: 'mustBeTrue' }
  | { kind: 'minLength'; limit: number }
  | { kind: 'maxLength'; limit: number }
  | { kind: 'minimum'; limit: number }
  | { kind: 'maximum'; limit: number }
  | { kind: 'pattern' };

export type FormDescription = { fields: FormField[]; unsupported: string[] };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** The renderable fields of an object schema, in the schema's order; other shapes are listed as unsupported. */
export function describeForm(schema: unknown): FormDescription {
  if (!isObj(schema) || !isObj(schema.properties)) return { fields: [], unsupported: [] };
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
  const fields: FormField[] = [];
  const unsupported: string[] = [];
  for (const [name, raw] of Object.entries(schema.properties)) {
    if (!isObj(raw)) continue;
    const base = { name, label: str(raw.title) ?? name, description: str(raw.description), required: required.has(name), options: [] as FormField['options'] };
    const type = Array.isArray(raw.type) ? raw.type.find((t) => t !== 'null') : raw.type;
    // A plain enum, or the standard labelled form: oneOf of { const, title }.
    const choices = Array.isArray(raw.oneOf) && raw.oneOf.length > 0 && raw.oneOf.every((o) => isObj(o) && (typeof o.const === 'string' || typeof o.const === 'number')) ? (raw.oneOf as Obj[]) : null;
    if (choices || (Array.isArray(raw.enum) && raw.enum.length > 0 && raw.enum.every((e) => typeof e === 'string' || typeof e === 'number'))) {
      const values = choices ? choices.map((o) => o.const as string | number) : (raw.enum as (string | number)[]);
      const options = values.map((v, i) => ({ value: String(v), label: (choices && str(choices[i]!.title)) ?? String(v) }));
      fields.push({ ...base, kind: 'enum', options, ...(values.every((v) => typeof v === 'number') && { numericEnum: true }) });
    } else if (type === 'boolean') {
      fields.push({ ...base, kind: 'boolean', ...(raw.const === true && { mustBeTrue: true }) });
    } else if (type === 'number' || type === 'integer') {
      fields.push({ ...base, kind: type, ...(num(raw.minimum) !== undefined && { minimum: num(raw.minimum) }), ...(num(raw.maximum) !== undefined && { maximum: num(raw.maximum) }) });
    } else if (type === 'string') {
      const bounds = {
        ...(num(raw.minLength) !== undefined && { minLength: num(raw.minLength) }),
        ...(num(raw.maxLength) !== undefined && { maxLength: num(raw.maxLength) }),
        ...(typeof raw.pattern === 'string' && { pattern: raw.pattern }),
      };
      if (raw.format === 'date') fields.push({ ...base, kind: 'date' });
      else fields.push({ ...base, kind: (num(raw.maxLength) ?? 0) > 200 ? 'longtext' : 'text', ...bounds });
    } else {
      unsupported.push(name);
    }
  }
  return { fields, unsupported };
}

/** The values of a form being filled in again from saved data (a draft, or data sent before). */
export function valuesFrom(fields: readonly FormField[], data: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const f of fields) {
    const v = data[f.name];
    if (f.kind === 'boolean') out[f.name] = v === true;
    else out[f.name] = v === undefined || v === null ? '' : String(v);
  }
  return out;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function isRealDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The first problem of one field's value, or null. */
export function checkField(f: FormField, value: string | boolean | undefined): FieldProblem | null {
  if (f.kind === 'boolean') {
    if (f.mustBeTrue && value !== true) return { kind: 'mustBeTrue' };
    return null;
  }
  const s = typeof value === 'string' ? value.trim() : '';
  if (s === '') return f.required ? { kind: 'required' } : null;
  switch (f.kind) {
    case 'number':
    case 'integer': {
      const n = Number(s.replace(',', '.'));
      if (!/^-?\d+([.,]\d+)?$/.test(s) || !Number.isFinite(n)) return { kind: f.kind === 'integer' ? 'integer' : 'number' };
      if (f.kind === 'integer' && !Number.isInteger(n)) return { kind: 'integer' };
      if (f.minimum !== undefined && n < f.minimum) return { kind: 'minimum', limit: f.minimum };
      if (f.maximum !== undefined && n > f.maximum) return { kind: 'maximum', limit: f.maximum };
      return null;
    }
    case 'date':
      return isRealDate(s) ? null : { kind: 'date' };
    case 'enum':
      return f.options.some((o) => o.value === s) ? null : { kind: 'enum' };
    case 'text':
    case 'longtext':
      // JSON Schema counts code points, as the server's validator does.
      if (f.minLength !== undefined && [...s].length < f.minLength) return { kind: 'minLength', limit: f.minLength };
      if (f.maxLength !== undefined && [...s].length > f.maxLength) return { kind: 'maxLength', limit: f.maxLength };
      if (f.pattern !== undefined) {
        try {
          if (!new RegExp(f.pattern, 'u').test(s)) return { kind: 'pattern' };
        } catch {
          return null; // a pattern the browser cannot compile: the server decides
        }
      }
      return null;
  }
}

/** Every field's problem (only fields that have one). */
export function checkForm(fields: readonly FormField[], values: FormValues): Record<string, FieldProblem> {
  const out: Record<string, FieldProblem> = {};
  for (const f of fields) {
    const p = checkField(f, values[f.name]);
    if (p) out[f.name] = p;
  }
  return out;
}

/** The `formData` the API takes: typed values, empty optional fields left out. */
export function toFormData(fields: readonly FormField[], values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (f.kind === 'boolean') {
      out[f.name] = v === true;
      continue;
    }
    const s = typeof v === 'string' ? v.trim() : '';
    if (s === '') continue;
    if (f.kind === 'number' || f.kind === 'integer') out[f.name] = Number(s.replace(',', '.'));
    else if (f.kind === 'enum') {
      out[f.name] = f.numericEnum ? Number(s) : s;
    } else out[f.name] = s;
  }
  return out;
}

/** The form field an API validation issue names (`body.formData.hoTen` → `hoTen`), if any. */
export function fieldOfIssue(path: string): string | null {
  const m = /^body\.formData\.([^.]+)/.exec(path);
  return m ? m[1]! : null;
}
