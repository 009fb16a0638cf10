import { sql, type Kysely } from 'kysely';

/**
 * Appending to the audit chain in one statement. `audit_append(lock, entries)` takes the chain's
 * advisory lock (held to the end of the transaction), reads the last link and inserts the entries in
 * order, each hashed over the previous one. The application still defines the hash: it sends each
 * entry's canonical JSON cut in two around the only values it cannot know before the lock is held
 * (`head` ends with `"prev_hash":"`, `mid` runs from the closing quote to `"seq":`); the function
 * joins head ‖ previous hash ‖ mid ‖ seq ‖ `}` and takes its SHA-256, which is exactly the
 * application's `entryHash`, so `audit verify` checks these links like any other.
 *
 * Why: the lock orders every writer of the system. Taken by separate statements it was held for
 * three round trips to the application (lock, read, insert) plus the commit; now for one.
 * A PL/pgSQL function takes a new snapshot for each statement, so the read after the lock sees
 * every link committed before the lock was granted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION audit_append(lock_key bigint, entries jsonb) RETURNS bigint
    LANGUAGE plpgsql VOLATILE AS $$
    DECLARE
      last_seq bigint;
      last_hash text;
      e jsonb;
      h text;
    BEGIN
      PERFORM pg_advisory_xact_lock(lock_key);
      SELECT a.seq, a.hash INTO last_seq, last_hash FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
      last_seq := coalesce(last_seq, 0);
      last_hash := coalesce(last_hash, repeat('0', 64));
      FOR e IN SELECT value FROM jsonb_array_elements(entries) LOOP
        last_seq := last_seq + 1;
        h := encode(sha256(convert_to((e->>'head') || last_hash || (e->>'mid') || last_seq::text || '}', 'UTF8')), 'hex');
        INSERT INTO audit_log (seq, at, actor_id, actor_name, agency_code, action, entity_type, entity_id, request_id, client_ip, data, prev_hash, hash)
        VALUES (last_seq, (e->>'at')::timestamptz, e->>'actor_id', e->>'actor_name', e->>'agency_code', e->>'action', e->>'entity_type',
                e->>'entity_id', e->>'request_id', e->>'client_ip', e->'data', last_hash, h);
        last_hash := h;
      END LOOP;
      RETURN last_seq;
    END $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION audit_append(bigint, jsonb)`.execute(db);
}
