/**
 * The online application form of a procedure is a JSON Schema (draft 2020-12). A schema the form
 * renderer cannot use must be refused when it is saved, not when a citizen opens the form, so it is
 * checked here against the meta-schema and compiled once, in strict mode (unknown keywords such as a
 * misspelt "requird" are errors, not silently ignored).
 */
import ajv2020 from 'ajv/dist/2020.js';

// ajv is CommonJS: imported from ESM the default import is module.exports, whose `default` is the class.
const Ajv2020 = ajv2020.default;

const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });

const MAX_SCHEMA_BYTES = 200_000;

/**
 * Problems that make `schema` unusable as an application form, in plain English; [] when it is fine.
 *
 * @example formSchemaIssues({ type: 'object', properties: { hoTen: { type: 'string' } } }) // []
 * @example formSchemaIssues({ type: 'objekt' }) // ['/type must be equal to one of the allowed values …']
 */
export function formSchemaIssues(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return ['must be a JSON Schema object'];
  if (JSON.stringify(schema).length > MAX_SCHEMA_BYTES) return [`is larger than ${MAX_SCHEMA_BYTES} bytes`];
  const s = schema as Record<string, unknown>;
  if (s['$schema'] !== undefined && s['$schema'] !== 'https://json-schema.org/draft/2020-12/schema') {
    return ['$schema must be https://json-schema.org/draft/2020-12/schema when given'];
  }
  if (!ajv.validateSchema(schema)) {
    return (ajv.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is not valid'}`.trim());
  }
  try {
    // Compiling catches what the meta-schema cannot: unknown keywords, unresolvable $ref.
    ajv.compile(schema);
    ajv.removeSchema(schema);
  } catch (err) {
    return [String((err as Error).message ?? err).slice(0, 300)];
  }
  if (s['type'] !== 'object') return ['the form schema must have type "object" at the top level'];
  return [];
}
