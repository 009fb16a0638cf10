import { describe, expect, it } from 'vitest';
import { withoutRequired } from './dossiers.service.js';

describe('the draft form: the published schema without its required lists', () => {
  it('drops `required` at every depth and keeps everything else, a field called "required" included', () => {
    const schema = {
      type: 'object',
      required: ['hoTen', 'diaChi'],
      properties: {
        hoTen: { type: 'string', minLength: 2 },
        required: { type: 'boolean' },
        diaChi: { type: 'object', required: ['tinh'], properties: { tinh: { type: 'string' } } },
        con: { type: 'array', items: { type: 'object', required: ['ten'], properties: { ten: { type: 'string' } } } },
      },
      additionalProperties: false,
    };
    expect(withoutRequired(schema)).toEqual({
      type: 'object',
      properties: {
        hoTen: { type: 'string', minLength: 2 },
        required: { type: 'boolean' },
        diaChi: { type: 'object', properties: { tinh: { type: 'string' } } },
        con: { type: 'array', items: { type: 'object', properties: { ten: { type: 'string' } } } },
      },
      additionalProperties: false,
    });
    // The original is left as published.
    expect(schema.required).toEqual(['hoTen', 'diaChi']);
  });
});
