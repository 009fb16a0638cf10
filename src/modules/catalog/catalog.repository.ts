/**
 * All SQL of the procedure catalog. `procedures` holds one row per procedure with denormalised
 * search columns of its current published version (of its draft, before the first publication);
 * `procedure_versions` holds every version with its full content.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { prepared } from '../../db/prepared.js';
import type { DB, ProcedureVersionsTable, ProceduresTable } from '../../db/schema.js';
import { staleVersion } from '../../platform/http.js';
import type { ProcedureData } from './catalog.schemas.js';
import type { ProcedureStatus, VersionStatus } from './lifecycle.js';
import { fieldSearchKey, listSummary, managingAgencyCodes, nameSearchKey, todayInVietnam, type ProcedureListSummary } from './model.js';
import { correctKey, searchWords } from './spelling.js';

type Q = Kysely<DB> | Transaction<DB>;

function expectOne(result: { numUpdatedRows: bigint }): void {
  if (Number(result.numUpdatedRows) !== 1) throw new Error('expected to update exactly one procedure version');
}

export type ProcedureRow = Selectable<ProceduresTable>;
export type VersionRow = Omit<Selectable<ProcedureVersionsTable>, 'data'> & { data: ProcedureData };

/** The denormalised columns of `procedures` for one version's content. */
export function searchColumns(data: ProcedureData) {
  return {
    name: data.name,
    name_key: storedNameKey(data.name),
    field: data.field,
    field_key: fieldSearchKey(data.field),
    levels: [...data.levels],
    applicant_types: [...data.applicantTypes],
    online_level: data.onlineLevel,
    agency_codes: managingAgencyCodes(data),
    agency_text: data.agencies.competent.text ?? data.agencies.implementing.text,
    decision_number: data.decisionNumber,
    summary: JSON.stringify(listSummary(data)),
  };
}

export async function findProcedure(db: Q, code: string): Promise<ProcedureRow | undefined> {
  return db.selectFrom('procedures').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Reads and locks the procedure row for the rest of the transaction (serialises changes to it). */
export async function lockProcedure(trx: Transaction<DB>, code: string): Promise<ProcedureRow | undefined> {
  return trx.selectFrom('procedures').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
}

export async function insertProcedure(trx: Transaction<DB>, code: string, data: ProcedureData): Promise<void> {
  await trx
    .insertInto('procedures')
    .values({ code, status: 'draft', current_version: null, latest_version: 1, ...searchColumns(data), effective_from: null, abolished_on: null })
    .execute();
  await recordWords(trx, [data.name]);
}

export type ProcedureChange = Partial<{
  status: ProcedureStatus;
  current_version: number | null;
  latest_version: number;
  effective_from: string | null;
  abolished_on: string | null;
  data: ProcedureData;
}>;

/** Applies a change and bumps the concurrency version; the caller holds the row lock. */
export async function updateProcedure(trx: Transaction<DB>, row: ProcedureRow, change: ProcedureChange): Promise<number> {
  const { data, ...rest } = change;
  const next = row.version + 1;
  const result = await trx
    .updateTable('procedures')
    .set({ ...rest, ...(data ? searchColumns(data) : {}), version: next, updated_at: new Date() })
    .where('code', '=', row.code)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion(row.version);
  if (data && data.name !== row.name) await recordWords(trx, [data.name]);
  // Later changes in the same transaction build on this one.
  row.version = next;
  if (data) row.name = data.name;
  return next;
}

function toVersionRow(r: Selectable<ProcedureVersionsTable>): VersionRow {
  return r as VersionRow;
}

export async function listVersions(db: Q, code: string): Promise<VersionRow[]> {
  const rows = await db.selectFrom('procedure_versions').selectAll().where('code', '=', code).orderBy('version').execute();
  return rows.map(toVersionRow);
}

export async function findVersion(db: Q, code: string, version: number): Promise<VersionRow | undefined> {
  const row = await db.selectFrom('procedure_versions').selectAll().where('code', '=', code).where('version', '=', version).executeTakeFirst();
  return row ? toVersionRow(row) : undefined;
}

/**
 * The version of a procedure in force on a date ('YYYY-MM-DD'): what the dossier engine records when
 * a dossier is filed, so later amendments never change the rules a dossier was filed under.
 * Its content comes from `publishedContent` (read once per content hash, then from memory).
 */
export async function findVersionInForce(db: Q, code: string, date: string): Promise<VersionRow | undefined> {
  const row = (await versionInForce.execute(db, { code, date })).rows[0];
  return row ? { ...row, data: await publishedContent(db, row) } : undefined;
}

const versionInForce = prepared((db: Kysely<DB>, { code, date }: { code: string; date: string }) =>
  db
    .selectFrom('procedure_versions')
    .select(VERSION_COLUMNS)
    .where('code', '=', code)
    .where('status', '<>', 'draft')
    .where('effective_from', '<=', date)
    .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', date)]))
    .orderBy('version', 'desc')
    .limit(1),
);

/** Every column of a version but its content. */
const VERSION_COLUMNS = [
  'code',
  'version',
  'status',
  'effective_from',
  'effective_to',
  'decision_number',
  'content_hash',
  'created_by',
  'published_by',
  'published_at',
  'created_at',
  'updated_at',
] as const satisfies readonly Exclude<keyof ProcedureVersionsTable, 'data'>[];

/**
 * A version's content leaves draft unchanged for good (migration 0002's trigger refuses any change to
 * the content of a version that is not a draft), and `content_hash` is its SHA-256: so the parsed
 * content of a non-draft version is kept in memory by hash, frozen, and read from the table once per
 * process. Filing a dossier reads the version in force on every request; this spares it the content.
 */
const contentByHash = new Map<string, ProcedureData>();
const CONTENT_CACHE_MAX = 1024;

async function publishedContent(db: Q, v: { code: string; version: number; content_hash: string }): Promise<ProcedureData> {
  const known = contentByHash.get(v.content_hash);
  if (known) return known;
  const { data } = await db.selectFrom('procedure_versions').select('data').where('code', '=', v.code).where('version', '=', v.version).executeTakeFirstOrThrow();
  const content = deepFreeze(data as ProcedureData);
  if (contentByHash.size >= CONTENT_CACHE_MAX) contentByHash.delete(contentByHash.keys().next().value!);
  contentByHash.set(v.content_hash, content);
  return content;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export async function insertVersion(
  trx: Transaction<DB>,
  v: { code: string; version: number; data: ProcedureData; hash: string; createdBy: string | null },
): Promise<void> {
  await trx
    .insertInto('procedure_versions')
    .values({
      code: v.code,
      version: v.version,
      status: 'draft',
      effective_from: null,
      effective_to: null,
      decision_number: v.data.decisionNumber,
      data: JSON.stringify(v.data),
      content_hash: v.hash,
      created_by: v.createdBy,
    })
    .execute();
}

export async function updateDraftData(trx: Transaction<DB>, code: string, version: number, data: ProcedureData, hash: string): Promise<void> {
  await trx
    .updateTable('procedure_versions')
    .set({ data: JSON.stringify(data), content_hash: hash, decision_number: data.decisionNumber, updated_at: new Date() })
    .where('code', '=', code)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst()
    .then(expectOne);
}

export async function setVersionStatus(
  trx: Transaction<DB>,
  code: string,
  version: number,
  change: { status: VersionStatus; effectiveFrom?: string; effectiveTo?: string | null; publishedBy?: string | null },
): Promise<void> {
  await trx
    .updateTable('procedure_versions')
    .set({
      status: change.status,
      ...(change.effectiveFrom !== undefined && { effective_from: change.effectiveFrom }),
      ...(change.effectiveTo !== undefined && { effective_to: change.effectiveTo }),
      ...(change.status === 'published' && { published_at: new Date(), published_by: change.publishedBy ?? null }),
      updated_at: new Date(),
    })
    .where('code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst()
    .then(expectOne);
}

// ---------------------------------------------------------------------------------------------
// Search

export type SearchMode = 'exact' | 'partial';

export type SearchFilters = {
  q?: string | undefined;
  field?: string | undefined;
  level?: string | undefined;
  agency?: string | undefined;
  applicantType?: string | undefined;
  onlineLevel?: string | undefined;
  /** 'public': published procedures (and abolished ones until their abolition date). */
  statuses: 'public' | readonly ProcedureStatus[];
  /** Only procedures linked to one of these agencies (officers below the top level). */
  agencyScope?: readonly string[] | undefined;
  limit: number;
  /** Where the previous page ended: score, code, and the search key and mode it was ranked by. */
  after?: { s?: number | undefined; c: string; k?: string | undefined; m?: SearchMode | undefined } | undefined;
  today?: string;
};

export type SearchRow = Pick<
  ProcedureRow,
  'code' | 'name' | 'field' | 'levels' | 'applicant_types' | 'online_level' | 'agency_codes' | 'agency_text' | 'decision_number' | 'effective_from' | 'status' | 'current_version'
> & {
  summary: ProcedureListSummary;
  score: number | null;
  /** How the row matched: all words, or most words; null without a query. */
  mode: SearchMode | null;
  /** The search key it was ranked by (a corrected one after a typo). */
  key: string | null;
  /** True when the query was corrected ("did you mean"). */
  corrected: boolean;
};

/** Names are stored with a leading space so that every word, the first included, follows a space. */
export const storedNameKey = (name: string) => ` ${nameSearchKey(name)}`;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function baseSearch(db: Q, f: SearchFilters) {
  let q = db
    .selectFrom('procedures')
    .select([
      'code',
      'name',
      'field',
      'levels',
      'applicant_types',
      'online_level',
      'agency_codes',
      'agency_text',
      'decision_number',
      'effective_from',
      'status',
      'current_version',
      'summary',
    ]);
  if (f.statuses === 'public') {
    const today = f.today ?? todayInVietnam();
    q = q.where((eb) => eb.or([eb('status', '=', 'published'), eb.and([eb('status', '=', 'abolished'), eb('abolished_on', '>', today)])]));
  } else if (f.statuses.length > 0) {
    q = q.where('status', 'in', [...f.statuses]);
  }
  if (f.field) q = q.where('field_key', '=', fieldSearchKey(f.field));
  if (f.level) q = q.where(sql<boolean>`levels @> ARRAY[${f.level}]::text[]`);
  if (f.applicantType) q = q.where(sql<boolean>`applicant_types @> ARRAY[${f.applicantType}]::text[]`);
  if (f.agency) q = q.where(sql<boolean>`agency_codes @> ARRAY[${f.agency}]::text[]`);
  if (f.onlineLevel) q = q.where('online_level', '=', f.onlineLevel);
  if (f.agencyScope) q = q.where(sql<boolean>`agency_codes && ${[...f.agencyScope]}::text[]`);
  return q;
}

type Tier = 'phrase' | 'words' | 'partial';

/**
 * `text` occurs in the name at a word start. Written so that the trigram index is asked only for
 * the unpadded pattern "%text%" (the padded trigrams of word starts, "  t", " th", have huge
 * posting lists), the word start being checked on the rows it returns.
 */
function occursAtWordStart(text: string, indexable: boolean) {
  const atStart = sql<boolean>`position(${` ${text}`} in name_key) > 0`;
  return indexable ? sql<boolean>`(name_key LIKE ${`%${escapeLike(text)}%`} AND ${atStart})` : atStart;
}

/**
 * For the partial tier: the sets of query words a name must all contain, leaving out up to a third
 * of the words (at least one). Only the first six words count, which keeps it to at most 15 sets.
 *
 * @example partialCombinations(['a', 'b', 'c']) // [['a', 'b'], ['a', 'c'], ['b', 'c']]
 */
export function partialCombinations(words: readonly string[]): string[][] {
  const head = words.slice(0, 6);
  const keep = Math.max(1, head.length - Math.max(1, Math.floor(head.length / 3)));
  const out: string[][] = [];
  const pick = (from: number, chosen: string[]) => {
    if (chosen.length === keep) {
      out.push(chosen);
      return;
    }
    for (let i = from; i <= head.length - (keep - chosen.length); i++) pick(i + 1, [...chosen, head[i]!]);
  };
  pick(0, []);
  return out;
}

/** Words of fewer than three letters give no trigram to look up. */
const INDEXABLE = 3;

/**
 * One tier of a ranked search on `key` (already normalised):
 * - phrase: names containing the query as a phrase at a word start (score above 1: whole name 4,
 *   name starting with it 3, containing it 2, plus closeness in length);
 * - words: names containing every word at a word start, not as a phrase (score at most 1);
 * - partial: names containing all words but one (after a failed exact search).
 * Every tier narrows through the trigram index; the ranking uses only string positions and lengths,
 * so it stays cheap however many names match.
 */
export function searchQuery(db: Q, f: SearchFilters, key: string, tier: Tier) {
  const words = [...new Set(key.split(' '))].filter((w) => w !== '').slice(0, 12);
  const closeness = sql<number>`${key.length + 1}::float8 / greatest(length(name_key), ${key.length + 1})`;
  const word = (w: string) => occursAtWordStart(w, w.length >= INDEXABLE);
  const allOf = (ws: string[]) => sql.join(ws.map(word), sql` AND `);
  let q = baseSearch(db, f);
  let score;
  if (tier === 'phrase') {
    q = q.where(occursAtWordStart(key, key.length >= INDEXABLE));
    score = sql<number>`((CASE WHEN name_key = ${` ${key}`} THEN 3 WHEN position(${` ${key}`} in name_key) = 1 THEN 2 ELSE 1 END) + ${closeness})`;
  } else if (tier === 'words') {
    q = q.where(sql<boolean>`(${allOf(words)}) AND position(${` ${key}`} in name_key) = 0`);
    score = closeness;
  } else {
    const combos = partialCombinations(words);
    q = q.where(sql<boolean>`(${sql.join(combos.map((c) => sql`(${allOf(c)})`), sql` OR `)})`);
    score = sql<number>`((${sql.join(words.map((w) => sql`(position(${` ${w}`} in name_key) > 0)::int`), sql` + `)})::float8 / ${words.length} + ${closeness} / 10)`;
  }
  if (f.after?.s !== undefined) {
    q = q.where(sql<boolean>`(${score} < ${f.after.s} OR (${score} = ${f.after.s} AND code > ${f.after.c}))`);
  }
  return q
    .select([sql<number | null>`${score}`.as('score'), sql<SearchMode>`${tier === 'partial' ? 'partial' : 'exact'}::text`.as('mode'), sql<string>`${key}::text`.as('key')])
    .orderBy(sql`score`, 'desc')
    .orderBy('code')
    .limit(f.limit + 1);
}

/**
 * Exact search on `key`: phrase matches always rank above the other all-word matches (scores above
 * 1 against at most 1), so the second tier is read only once the first is exhausted. When nothing
 * matches the phrase and `vocabulary` shows a word no name has, the second tier is skipped too.
 */
async function rankedSearch(db: Q, f: SearchFilters, key: string, mode: SearchMode, known?: () => Promise<ReadonlyMap<string, number>>): Promise<SearchRow[]> {
  const run = async (tier: Tier, after: SearchFilters['after'], limit: number) =>
    (await searchQuery(db, { ...f, after, limit: limit - 1 }, key, tier).execute()) as SearchRow[];
  if (mode === 'partial') return run('partial', f.after, f.limit + 1);
  const inPhraseTier = f.after?.s === undefined || f.after.s > 1;
  const rows = inPhraseTier ? await run('phrase', f.after, f.limit + 1) : [];
  if (rows.length > f.limit || !key.includes(' ')) return rows;
  if (rows.length === 0 && known && hasUnknownWord(key, await known())) return rows;
  return [...rows, ...(await run('words', inPhraseTier ? undefined : f.after, f.limit + 1 - rows.length))];
}

/** A query word that starts no word of any name cannot match (query words match word starts). */
function hasUnknownWord(key: string, vocabulary: ReadonlyMap<string, number>): boolean {
  const words = [...vocabulary.keys()];
  return key.split(' ').some((w) => w !== '' && !vocabulary.has(w) && !words.some((v) => v.startsWith(w)));
}

/**
 * Ranked, diacritic-insensitive, typo-tolerant search for citizens and officers:
 * 1. names with every word of the query at a word start (phrase matches first, then closest in length);
 * 2. if none, the query corrected against the catalog's vocabulary ("dang ky khai snh" → "… sinh");
 * 3. if still none, names with all the words but one.
 * The cursor carries the key and mode a page was ranked by, so later pages continue the same list.
 */
export async function searchProcedures(db: Q, f: SearchFilters): Promise<SearchRow[]> {
  const asked = f.q ? nameSearchKey(f.q) : '';
  if (asked === '') {
    let q = baseSearch(db, f);
    if (f.after) q = q.where('code', '>', f.after.c);
    const rows = await q
      .select([sql<null>`NULL::float8`.as('score'), sql<null>`NULL::text`.as('mode'), sql<null>`NULL::text`.as('key')])
      .orderBy('code')
      .limit(f.limit + 1)
      .execute();
    return rows.map((r) => ({ ...r, corrected: false })) as SearchRow[];
  }
  const key = f.after?.k ?? asked;
  const mark = (rows: SearchRow[]) => rows.map((r) => ({ ...r, corrected: r.key !== asked }));
  if (f.after) return mark(await rankedSearch(db, f, key, f.after.m ?? 'exact'));

  let words: Map<string, number> | undefined;
  const known = async () => (words ??= await vocabulary(db));
  const exact = await rankedSearch(db, f, key, 'exact', known);
  if (exact.length > 0) return mark(exact);
  for (const alternative of correctKey(key, await known())) {
    const rows = await rankedSearch(db, f, alternative, 'exact', known);
    if (rows.length > 0) return mark(rows);
  }
  return key.includes(' ') ? mark(await rankedSearch(db, f, key, 'partial')) : [];
}

/** The words of the catalog's names with how many names use them (for spelling correction). */
export async function vocabulary(db: Q): Promise<Map<string, number>> {
  const rows = await db.selectFrom('procedure_words').select(['word', 'uses']).execute();
  return new Map(rows.map((r) => [r.word, r.uses]));
}

/** Adds the words of names to the vocabulary (in a fixed order, so concurrent writers never deadlock). */
export async function recordWords(trx: Q, names: readonly string[]): Promise<void> {
  const counts = new Map<string, number>();
  for (const n of names) for (const w of new Set(searchWords(nameSearchKey(n)))) counts.set(w, (counts.get(w) ?? 0) + 1);
  if (counts.size === 0) return;
  const words = [...counts.keys()].sort();
  await trx
    .insertInto('procedure_words')
    .values(words.map((word) => ({ word, uses: counts.get(word)! })))
    .onConflict((oc) => oc.column('word').doUpdateSet({ uses: sql`procedure_words.uses + excluded.uses` }))
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Bulk reads for export and agency linking

export async function allAgencies(db: Q): Promise<{ code: string; name: string }[]> {
  return db.selectFrom('agencies').select(['code', 'name']).execute();
}

/**
 * The version that represents each procedure in an export: the published one (the abolished one for
 * an abolished procedure), or the draft of a procedure never published. Pending amendment drafts
 * stay out. In code order, a page at a time.
 */
export async function exportVersionsPage(db: Q, after: string | null, limit: number): Promise<(VersionRow & { procedure_status: ProcedureStatus })[]> {
  let q = db
    .selectFrom('procedures as p')
    .innerJoin('procedure_versions as v', (j) => j.onRef('v.code', '=', 'p.code').on(sql<boolean>`v.version = COALESCE(p.current_version, p.latest_version)`))
    .selectAll('v')
    .select('p.status as procedure_status');
  if (after !== null) q = q.where('p.code', '>', after);
  const rows = await q.orderBy('p.code').limit(limit).execute();
  return rows as (VersionRow & { procedure_status: ProcedureStatus })[];
}
