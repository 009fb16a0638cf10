import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * Storage for the built-in OpenID provider's models (sessions, codes, grants, tokens, clients)
 * in PostgreSQL, so several app processes can share it and nothing is lost on restart.
 */
export function oidcAdapterFactory(db: Kysely<DB>) {
  return class PostgresOidcAdapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number) {
      const expires_at = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
      const row = {
        model: this.model,
        id,
        payload: JSON.stringify(payload),
        grant_id: (payload.grantId as string | undefined) ?? null,
        user_code: (payload.userCode as string | undefined) ?? null,
        uid: (payload.uid as string | undefined) ?? null,
        expires_at,
      };
      await db
        .insertInto('oidc_store')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['model', 'id']).doUpdateSet({
            payload: row.payload,
            grant_id: row.grant_id,
            user_code: row.user_code,
            uid: row.uid,
            expires_at: row.expires_at,
          }),
        )
        .execute();
    }

    private async findBy(column: 'id' | 'uid' | 'user_code', value: string) {
      const row = await db
        .selectFrom('oidc_store')
        .select(['payload', 'expires_at', 'consumed_at'])
        .where('model', '=', this.model)
        .where(column, '=', value)
        .executeTakeFirst();
      if (!row) return undefined;
      if (row.expires_at && new Date(row.expires_at) <= new Date()) return undefined;
      return { ...(row.payload as Record<string, unknown>), ...(row.consumed_at ? { consumed: Math.floor(new Date(row.consumed_at).getTime() / 1000) } : {}) };
    }

    find(id: string) {
      return this.findBy('id', id);
    }
    findByUid(uid: string) {
      return this.findBy('uid', uid);
    }
    findByUserCode(userCode: string) {
      return this.findBy('user_code', userCode);
    }
    async consume(id: string) {
      await db.updateTable('oidc_store').set({ consumed_at: new Date() }).where('model', '=', this.model).where('id', '=', id).execute();
    }
    async destroy(id: string) {
      await db.deleteFrom('oidc_store').where('model', '=', this.model).where('id', '=', id).execute();
    }
    async revokeByGrantId(grantId: string) {
      await db.deleteFrom('oidc_store').where('grant_id', '=', grantId).execute();
    }
  };
}
