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
 * Only inside a transaction: outside one, the connection could go back to the pool with an answer
 * still due, so there a statement is simply awaited. On a connection that does not pipeline
 * (PGlite), every statement is awaited too; the results are the same, only slower.
 */
import { CompiledQuery, PostgresDialect, PostgresDriver, type DatabaseConnection, type Driver, type PostgresDialectConfig, type QueryResult, type Transaction, type TransactionSettings } from 'kysely';

/** Compiled queries marked by `sendWithoutWaiting`. */
const withoutWaiting = new WeakSet<CompiledQuery>();

const NO_ROWS: QueryResult<never> = Object.freeze({ rows: [] }) as QueryResult<never>;

/**
 * Runs a write whose result the caller does not use (builder.compile(), or sql`…`.compile(trx)).
 * Resolves once it is sent; its failure, if any, fails the transaction's next awaited statement.
 */
export async function sendWithoutWaiting<DB>(trx: Transaction<DB>, query: CompiledQuery): Promise<void> {
  withoutWaiting.add(query);
  await trx.executeQuery(query);
}

/** A connection that lets marked statements (and BEGIN) go out without waiting for their answers. */
export class PipelinedConnection implements DatabaseConnection {
  #inFlight: Promise<QueryResult<unknown>>[] = [];
  inTransaction = false;

  constructor(
    readonly inner: DatabaseConnection,
    private readonly pipelining: boolean,
  ) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // node-postgres writes the query out synchronously, inside this call, in the order of the calls.
    const running = this.inner.executeQuery<R>(query);
    if (this.pipelining && this.inTransaction && (withoutWaiting.has(query) || query.sql === 'begin')) {
      running.catch(() => {}); // collected by the next awaited statement
      this.#inFlight.push(running);
      return Promise.resolve(NO_ROWS as QueryResult<R>);
    }
    if (this.#inFlight.length === 0) return running;
    return this.#after(running, query.sql === 'rollback');
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    await this.settle();
    yield* this.inner.streamQuery<R>(query, chunkSize);
  }

  /** Waits for every answer still due; throws the first failure among them. */
  async settle(): Promise<void> {
    const due = this.#inFlight;
    this.#inFlight = [];
    for (const r of await Promise.allSettled(due)) if (r.status === 'rejected') throw r.reason;
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
 * Kysely's PostgreSQL driver with `PipelinedConnection`s. `pipelining` says whether the pool's
 * clients run node-postgres in pipeline mode (`pipeline: true`), which writes queries without waiting.
 */
export class PipelinedPostgresDriver extends PostgresDriver {
  readonly #wrapped = new WeakMap<DatabaseConnection, PipelinedConnection>();

  constructor(
    config: PostgresDialectConfig,
    private readonly pipelining: boolean,
  ) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await super.acquireConnection();
    let conn = this.#wrapped.get(inner);
    if (!conn) {
      conn = new PipelinedConnection(inner, this.pipelining);
      this.#wrapped.set(inner, conn);
    }
    return conn;
  }

  override async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    (conn as PipelinedConnection).inTransaction = true;
    await super.beginTransaction(conn, settings);
  }

  override async commitTransaction(conn: DatabaseConnection): Promise<void> {
    try {
      await super.commitTransaction(conn);
    } finally {
      (conn as PipelinedConnection).inTransaction = false;
    }
  }

  override async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(conn);
    } finally {
      (conn as PipelinedConnection).inTransaction = false;
    }
  }

  override async releaseConnection(conn: DatabaseConnection): Promise<void> {
    const c = conn as PipelinedConnection;
    c.inTransaction = false;
    // Nothing is in flight after COMMIT or ROLLBACK; this only guards a connection going back early.
    await c.settle().catch(() => {});
    await super.releaseConnection(c.inner as Parameters<PostgresDriver["releaseConnection"]>[0]);
  }
}

/** PostgresDialect with `PipelinedPostgresDriver`. */
export class PipelinedPostgresDialect extends PostgresDialect {
  constructor(
    private readonly config: PostgresDialectConfig,
    private readonly pipelining: boolean,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    return new PipelinedPostgresDriver(this.config, this.pipelining);
  }
}
