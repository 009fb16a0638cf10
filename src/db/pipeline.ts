/**
 * Writes that need no answer, sent without waiting for it.
 *
 * A use case's last statements (history events, notification jobs, the stored idempotent response,
 * the audit entries) return nothing the application reads. Waiting for each one's round trip costs
 * the server an event-loop turn and the database backend a sleep and a wake-up per statement. With
 * node-postgres in pipeline mode, such a statement is written to the connection at once and the
 * use case goes on; its answer is collected before the next statement whose answer is needed, and
 * at the latest before COMMIT. The database still runs every statement in order in the same
 * transaction: if one fails, the transaction fails, and the error the caller sees is that one.
 *
 * The messages of the statements sent without waiting are held in the socket (corked) and written
 * together with the next statement that waits: one write, and one wake-up of the backend, for the lot.
 *
 * Only inside a transaction: outside one, the connection could go back to the pool with an answer
 * still due, so there a statement is simply awaited. On a connection that does not pipeline
 * (PGlite), every statement is awaited too; the results are the same, only slower.
 */
import type pg from 'pg';
import {
  CompiledQuery,
  createQueryId,
  IdentifierNode,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  RawNode,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/** Compiled queries marked by `sendWithoutWaiting` (and the driver's BEGIN). */
const withoutWaiting = new WeakSet<CompiledQuery>();
/** The driver's ROLLBACKs: they ignore the failures still due (the use case's own error is on its way). */
const rollbacks = new WeakSet<CompiledQuery>();

const NO_ROWS: QueryResult<never> = Object.freeze({ rows: [] }) as QueryResult<never>;

/**
 * Runs a write whose result the caller does not use (builder.compile(), or sql`…`.compile(db)).
 * In a transaction it resolves once sent, and its failure, if any, fails the transaction's next
 * awaited statement; outside one it is simply awaited.
 */
export async function sendWithoutWaiting(db: Pick<Kysely<unknown>, 'executeQuery'>, query: CompiledQuery): Promise<void> {
  withoutWaiting.add(query);
  await db.executeQuery(query);
}

/** The writable side of node-postgres's connection (not in its typings). */
type Corkable = { cork(): void; uncork(): void };

/** A pooled node-postgres client as a Kysely connection that lets marked statements go out without waiting. */
class PipelinedConnection implements DatabaseConnection {
  #inFlight: Promise<unknown>[] = [];
  #corked = false;
  inTransaction = false;

  constructor(
    readonly client: pg.PoolClient,
    private readonly pipelining: boolean,
  ) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const deferred = this.pipelining && this.inTransaction && withoutWaiting.has(query);
    if (deferred && !this.#corked) {
      this.#socket()?.cork();
      this.#corked = true;
    }
    // node-postgres writes the query out synchronously, inside this call, in the order of the calls.
    const running = this.#run<R>(query);
    if (deferred) {
      running.catch(() => {}); // collected by the next awaited statement
      this.#inFlight.push(running);
      return Promise.resolve(NO_ROWS as QueryResult<R>);
    }
    this.#flush();
    if (this.#inFlight.length === 0) return running;
    return this.#after(running, rollbacks.has(query));
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not used');
  }

  /** Waits for every answer still due; throws the first failure among them. */
  async settle(): Promise<void> {
    this.#flush();
    const due = this.#inFlight;
    this.#inFlight = [];
    for (const r of await Promise.allSettled(due)) if (r.status === 'rejected') throw r.reason;
  }

  async #run<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const r = await this.client.query<R & object>(query.sql, query.parameters as unknown[]);
    const counted = r.command === 'INSERT' || r.command === 'UPDATE' || r.command === 'DELETE' || r.command === 'MERGE';
    return { numAffectedRows: counted ? BigInt(r.rowCount ?? 0) : undefined, rows: r.rows ?? [] };
  }

  #socket(): Corkable | undefined {
    const stream = (this.client as unknown as { connection?: { stream?: Partial<Corkable> } }).connection?.stream;
    return stream?.cork && stream.uncork ? (stream as Corkable) : undefined;
  }

  /** Writes what the cork held, in one go. */
  #flush(): void {
    if (!this.#corked) return;
    this.#corked = false;
    this.#socket()?.uncork();
  }

  /**
   * The answer to `running`, once the answers sent before it are in. If one of those failed, that is
   * the error (`running` itself then only reports the aborted transaction); a ROLLBACK ignores them,
   * as the use case's own error is already on its way.
   */
  async #after<R>(running: Promise<QueryResult<R>>, rollingBack: boolean): Promise<QueryResult<R>> {
    try {
      await this.settle();
    } catch (err) {
      if (!rollingBack) {
        await running.catch(() => {});
        throw err;
      }
    }
    return running;
  }
}

/**
 * Kysely's driver for a node-postgres pool, with `PipelinedConnection`s. `pipelining` says whether
 * the pool's clients run in pipeline mode (`pipeline: true`), which writes queries without waiting.
 */
class PipelinedPostgresDriver implements Driver {
  readonly #connections = new WeakMap<pg.PoolClient, PipelinedConnection>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly pipelining: boolean,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const client = await this.pool.connect();
    let conn = this.#connections.get(client);
    if (!conn) {
      conn = new PipelinedConnection(client, this.pipelining);
      this.#connections.set(client, conn);
    }
    return conn;
  }

  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    (conn as PipelinedConnection).inTransaction = true;
    let begin = 'begin';
    if (settings.isolationLevel || settings.accessMode) {
      begin = ['start transaction', settings.isolationLevel && `isolation level ${settings.isolationLevel}`, settings.accessMode].filter(Boolean).join(' ');
    }
    const query = CompiledQuery.raw(begin);
    withoutWaiting.add(query); // goes out with the first statement of the transaction
    await conn.executeQuery(query);
  }

  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    try {
      await conn.executeQuery(CompiledQuery.raw('commit'));
    } finally {
      (conn as PipelinedConnection).inTransaction = false;
    }
  }

  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    try {
      const query = CompiledQuery.raw('rollback');
      rollbacks.add(query);
      await conn.executeQuery(query);
    } finally {
      (conn as PipelinedConnection).inTransaction = false;
    }
  }

  async savepoint(conn: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await conn.executeQuery(savepointCommand('savepoint', name, compile));
  }

  async rollbackToSavepoint(conn: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await conn.executeQuery(savepointCommand('rollback to', name, compile));
  }

  async releaseSavepoint(conn: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await conn.executeQuery(savepointCommand('release', name, compile));
  }

  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    const c = conn as PipelinedConnection;
    c.inTransaction = false;
    // Nothing is in flight after COMMIT or ROLLBACK; this only guards a connection going back early.
    await c.settle().catch(() => {});
    c.client.release();
  }

  async destroy(): Promise<void> {
    await this.pool.end();
  }
}

function savepointCommand(command: string, name: string, compile: QueryCompiler['compileQuery']): CompiledQuery {
  // The name goes through the compiler as an identifier, so it is quoted.
  return compile(RawNode.createWithChildren([RawNode.createWithSql(`${command} `), IdentifierNode.create(name)]), createQueryId());
}

/** PostgreSQL through a node-postgres pool, with `PipelinedPostgresDriver`. */
export function pipelinedPostgresDialect(pool: pg.Pool, pipelining: boolean): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PipelinedPostgresDriver(pool, pipelining),
    createIntrospector: (db: Kysely<any>) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}
