import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, chainTemplate } from './audit.js';

const text = fc.oneof(fc.string(), fc.constantFrom('Nguyễn Văn An', ',"prev_hash":"', '"seq":0}', '\\"', '\u0000'));
const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(fc.oneof(text, fc.constantFrom('prev_hash', 'seq')), tie('value'), { maxKeys: 4 })),
})).value;
const nullable = fc.option(text, { nil: null });

describe('audit chain template', () => {
  it('head ‖ prev_hash ‖ mid ‖ seq ‖ "}" is the canonical JSON the chain hashes, whatever the entry holds', () => {
    fc.assert(
      fc.property(
        fc.record({
          at: fc.date({ min: new Date('2020-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
          actor_id: nullable,
          actor_name: nullable,
          agency_code: nullable,
          action: text,
          entity_type: text,
          entity_id: nullable,
          request_id: nullable,
          client_ip: nullable,
          data: fc.dictionary(fc.oneof(text, fc.constantFrom('prev_hash', 'seq')), json, { maxKeys: 5 }),
        }),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        (fields, prev, seq) => {
          const { head, mid } = chainTemplate(fields);
          expect(`${head}${prev}${mid}${seq}}`).toBe(canonicalJson({ ...fields, prev_hash: prev, seq }));
        },
      ),
      { numRuns: 500 },
    );
  });
});
