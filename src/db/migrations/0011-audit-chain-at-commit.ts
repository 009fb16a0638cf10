import { sql, type Kysely } from 'kysely';

/**
 * The audit chain is linked at commit, not when the entries are written.
 *
 * Every writer of the system appends to one chain, in one order, under one lock. With 0010's
 * `audit_append` the lock was taken by the statement that appended, so it was held from that
 * statement until the transaction's COMMIT reached the database: one round trip to the application
 * and back, during which every other writer waited. Under load that round trip is long (the
 * application's event loop is busy with other requests), and it bounded the whole system's writes.
 *
 * Now `audit_append(lock, entries)` only stores the entries in `audit_pending`, and a deferred
 * constraint trigger links them while the transaction commits: it takes the lock, reads the last
 * link, inserts the entries each hashed over the previous one (exactly as 0010 did: the
 * application's canonical JSON, cut around `prev_hash` and `seq`), and removes the pending row. The
 * lock is held from there to the end of the commit, with no round trip to the application.
 *
 * Deferred triggers fire in the order their rows were inserted, so a transaction's entries keep
 * their order. A PL/pgSQL function takes a new snapshot for each statement, so the read after the
 * lock sees every link committed before the lock was granted. `audit_pending` is unlogged: its rows
 * never outlive the transaction that wrote them (removed at commit, gone with a rollback), so
 * there is nothing in it to recover after a crash.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE UNLOGGED TABLE audit_pending (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      lock_key bigint NOT NULL,
      entries jsonb NOT NULL CHECK (jsonb_typeof(entries) = 'array')
    )`.execute(db);
  await sql`DROP FUNCTION audit_append(bigint, jsonb)`.execute(db);
  await sql`
    CREATE FUNCTION audit_append(lock_key bigint, entries jsonb) RETURNS void
    LANGUAGE sql VOLATILE AS $$
      INSERT INTO audit_pending (lock_key, entries) VALUES (lock_key, entries)
    $$`.execute(db);
  await sql`
    CREATE FUNCTION audit_link_pending() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
      last_seq bigint;
      last_hash text;
      e jsonb;
      h text;
    BEGIN
      PERFORM pg_advisory_xact_lock(NEW.lock_key);
      SELECT a.seq, a.hash INTO last_seq, last_hash FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
      last_seq := coalesce(last_seq, 0);
      last_hash := coalesce(last_hash, repeat('0', 64));
      FOR e IN SELECT value FROM jsonb_array_elements(NEW.entries) LOOP
        last_seq := last_seq + 1;
        h := encode(sha256(convert_to((e->>'head') || last_hash || (e->>'mid') || last_seq::text || '}', 'UTF8')), 'hex');
        INSERT INTO audit_log (seq, at, actor_id, actor_name, agency_code, action, entity_type, entity_id, request_id, client_ip, data, prev_hash, hash)
        VALUES (last_seq, (e->>'at')::timestamptz, e->>'actor_id', e->>'actor_name', e->>'agency_code', e->>'action', e->>'entity_type',
                e->>'entity_id', e->>'request_id', e->>'client_ip', e->'data', last_hash, h);
        last_hash := h;
      END LOOP;
      DELETE FROM audit_pending WHERE id = NEW.id;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE CONSTRAINT TRIGGER audit_pending_link AFTER INSERT ON audit_pending
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_link_pending()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE audit_pending`.execute(db);
  await sql`DROP FUNCTION audit_link_pending()`.execute(db);
  await sql`DROP FUNCTION audit_append(bigint, jsonb)`.execute(db);
  // 0010's form comes back with its own migration's `up`.
  const { up: up0010 } = await import('./0010-audit-append.js');
  await up0010(db);
}
