/**
 * Queries built and compiled by Kysely once per shape, then only bound to new values.
 *
 * Building a query with Kysely's builder and compiling it to SQL costs tens of microseconds of
 * JavaScript each time, more than the driver spends sending it; on the hot path (every request reads
 * its caller, every submission writes a dossier with its history) that adds up. `prepared` takes a
 * function that builds the query from its arguments, and builds it once per *shape* of the arguments
 * (their keys and array lengths; `null` and `undefined` count as shape, since Kysely treats them
 * apart) with a unique marker string in place of every other value. The SQL text it compiles is kept,
 * with, for each parameter, either the argument value whose marker it holds or the constant the
 * builder put there. A later call with the same shape copies the values in.
 *
 * The arguments are objects and arrays of plain values (strings, numbers, booleans, dates, null),
 * with identifier keys. The builder must use its arguments as values only: it may branch on their shape (which keys are
 * there, how many items), not on their values, and must not compute with them.
 * Where `MOTCUA_VERIFY_PREPARED` is set (the test suites set it), every call also builds the query
 * afresh and throws if the SQL text or the parameters differ, so a builder that breaks the rule fails
 * its tests instead of sending a wrong query.
 */
import type { CompiledQuery, Kysely, QueryResult } from 'kysely';

type Leaf = string | number | boolean | bigint | Date | null | undefined;

/** A builder with `compile()` (select, insert, update, delete, and `sql` fragments compiled by the caller). */
type Compilable<R> = { compile(): CompiledQuery<R> };

type Slot = { leaf: number } | { value: unknown };
type Template = { sql: string; slots: Slot[]; query: CompiledQuery['query']; queryId: CompiledQuery['queryId'] };

const MARK = '\u0000motcua.arg:';

const verifying = () => Boolean(process.env.MOTCUA_VERIFY_PREPARED);

function isLeaf(v: unknown): v is Leaf {
  return v === null || v === undefined || typeof v !== 'object' || v instanceof Date;
}

/**
 * The shape of the arguments, with their values in `leaves` in the order met. Runs on every call, so
 * it builds nothing but the shape string: the same shape always lists its values in the same order.
 */
function shapeOf(args: unknown, leaves: unknown[]): string {
  if (isLeaf(args)) {
    if (args === null) return 'n';
    if (args === undefined) return 'u';
    leaves.push(args);
    return '.';
  }
  let shape = Array.isArray(args) ? '[' : '{';
  if (Array.isArray(args)) {
    for (const v of args) shape += shapeOf(v, leaves) + ',';
    return shape + ']';
  }
  for (const k in args as object) {
    if (Object.hasOwn(args as object, k)) shape += k + ':' + shapeOf((args as Record<string, unknown>)[k], leaves) + ',';
  }
  return shape + '}';
}

/** The arguments with the marker of each value (its index among the leaves) in its place. */
function marked(args: unknown, next: { i: number }): unknown {
  if (isLeaf(args)) return args === null || args === undefined ? args : `${MARK}${next.i++}`;
  if (Array.isArray(args)) return args.map((v) => marked(v, next));
  const out: Record<string, unknown> = {};
  for (const k in args as object) if (Object.hasOwn(args as object, k)) out[k] = marked((args as Record<string, unknown>)[k], next);
  return out;
}

/** `build` once per shape of `args`; see the module comment for the rule the builder must keep. */
export function prepared<D, A extends object, R>(build: (db: Kysely<D>, args: A) => Compilable<R>) {
  const templates = new Map<string, Template>();

  function compile(db: Kysely<D>, args: A): CompiledQuery<R> {
    const leaves: unknown[] = [];
    const shape = shapeOf(args, leaves);
    let t = templates.get(shape);
    if (!t) {
      const c = build(db, marked(args, { i: 0 }) as A).compile();
      const slots: Slot[] = c.parameters.map((p) => (typeof p === 'string' && p.startsWith(MARK) ? { leaf: Number(p.slice(MARK.length)) } : { value: p }));
      const bound = new Set(slots.flatMap((s) => ('leaf' in s ? [s.leaf] : [])));
      for (let i = 0; i < leaves.length; i++) {
        if (!bound.has(i)) throw new Error(`prepared query: argument value ${i + 1} (${String(leaves[i]).slice(0, 40)}) is not used as a value (${c.sql})`);
      }
      if (c.sql.includes(MARK)) throw new Error(`prepared query: an argument reached the SQL text (${c.sql})`);
      t = { sql: c.sql, slots, query: c.query, queryId: c.queryId };
      templates.set(shape, t);
    }
    const parameters = t.slots.map((s) => ('leaf' in s ? leaves[s.leaf] : s.value));
    const compiled = { sql: t.sql, parameters, query: t.query, queryId: t.queryId } as CompiledQuery<R>;
    if (verifying()) {
      const fresh = build(db, args).compile();
      if (fresh.sql !== compiled.sql || !sameValues(fresh.parameters, parameters)) {
        throw new Error(`prepared query differs from a fresh build:\n${fresh.sql}\n${compiled.sql}`);
      }
    }
    return compiled;
  }

  return {
    compile,
    /** Runs it; the rows as the builder's `execute()` would return them. */
    async execute(db: Kysely<D>, args: A): Promise<QueryResult<R>> {
      return db.executeQuery(compile(db, args));
    },
    /** The number of shapes compiled so far (for tests). */
    get shapes() {
      return templates.size;
    },
  };
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i] || (v instanceof Date && b[i] instanceof Date && v.getTime() === (b[i] as Date).getTime()));
}
