import fc from 'fast-check';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepared } from './prepared.js';

type T = { t: { a: string | null; b: number | null; c: Date | null; d: string | null; id: string } };

// Compiles only: no database behind it.
const db = new Kysely<T>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

type Row = { a: string | null; b: number | null; c: Date | null; d?: string; id: string };

const insertRows = prepared((k: Kysely<T>, { rows }: { rows: Row[] }) => k.insertInto('t').values(rows).onConflict((oc) => oc.column('id').doNothing()).returning('id'));
const find = prepared((k: Kysely<T>, f: { ids: string[]; from: Date; limit: number } | { a: string; limit: number }) => {
  const q = k.selectFrom('t').selectAll().orderBy('id').limit(f.limit);
  return 'ids' in f ? q.where('id', 'in', f.ids).where('c', '>=', f.from).where(sql<boolean>`b > 0`) : q.where('a', '=', f.a);
});

const text = fc.oneof(fc.string(), fc.constantFrom("O'Brien", 'Nguyễn Văn An', '$1', '\\', 'null', ''));
const row = fc.record(
  {
    a: fc.option(text),
    b: fc.option(fc.integer()),
    c: fc.option(fc.date({ noInvalidDate: true })),
    d: text,
    id: fc.uuid(),
  },
  { requiredKeys: ['a', 'b', 'c', 'id'] },
);

let saved: string | undefined;
beforeEach(() => {
  // Compare by hand below: the check inside prepared is what is under test in the last case.
  saved = process.env.MOTCUA_VERIFY_PREPARED;
  delete process.env.MOTCUA_VERIFY_PREPARED;
});
afterEach(() => {
  if (saved !== undefined) process.env.MOTCUA_VERIFY_PREPARED = saved;
});

describe('prepared queries', () => {
  it('bind any values of any shape to the same SQL and parameters as a fresh build', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 5 }), (rows) => {
        const fresh = db.insertInto('t').values(rows).onConflict((oc) => oc.column('id').doNothing()).returning('id').compile();
        const bound = insertRows.compile(db, { rows });
        expect(bound.sql).toBe(fresh.sql);
        expect(bound.parameters).toEqual(fresh.parameters);
      }),
    );
    // One template per shape: row count, and which optional keys are there or null.
    expect(insertRows.shapes).toBeGreaterThan(5);
  });

  it('may branch on the shape of its arguments, and keeps the constants the builder adds', () => {
    fc.assert(
      fc.property(fc.array(fc.uuid(), { minLength: 1, maxLength: 4 }), fc.date({ noInvalidDate: true }), fc.nat(100), text, (ids, from, limit, a) => {
        const byIds = find.compile(db, { ids, from, limit });
        const freshIds = db.selectFrom('t').selectAll().orderBy('id').limit(limit).where('id', 'in', ids).where('c', '>=', from).where(sql<boolean>`b > 0`).compile();
        expect([byIds.sql, byIds.parameters]).toEqual([freshIds.sql, freshIds.parameters]);
        const byA = find.compile(db, { a, limit });
        const freshA = db.selectFrom('t').selectAll().orderBy('id').limit(limit).where('a', '=', a).compile();
        expect([byA.sql, byA.parameters]).toEqual([freshA.sql, freshA.parameters]);
      }),
    );
  });

  it('refuses a builder that does not use an argument as a value', () => {
    const computed = prepared((k: Kysely<T>, p: { n: number }) => k.selectFrom('t').selectAll().limit(Number(p.n) + 1));
    expect(() => computed.compile(db, { n: 1 })).toThrow(/not used as a value/);
  });

  it('where verification is on, catches a builder whose SQL depends on a value', () => {
    const branching = prepared((k: Kysely<T>, p: { a: string }) => (p.a === 'x' ? k.selectFrom('t').select('id').where('a', '=', p.a) : k.selectFrom('t').select('a').where('a', '=', p.a)));
    process.env.MOTCUA_VERIFY_PREPARED = '1';
    expect(() => branching.compile(db, { a: 'x' })).toThrow(/differs from a fresh build/);
  });
});
