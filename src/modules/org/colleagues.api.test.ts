import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_DB, type TestApp } from '../../../test/helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const get = async (username: string | null, code: string) => t.call('GET', `/api/v1/agencies/${code}/officers`, { token: username ? await t.tokenFor(username) : undefined });

describe(`colleagues for the hand-over forms (${TEST_DB})`, () => {
  it('lists the active officers of the caller’s agency with their roles there, and nothing personal', async () => {
    const res = await get('lanhdao.tuphap', 'H55.02');
    expect(res.status).toBe(200);
    expect(res.body.agencyCode).toBe('H55.02');
    expect(res.body.items.map((o: { fullName: string; roles: string[] }) => [o.fullName, o.roles])).toEqual([
      ['Hoàng Văn Thắng', ['approver']],
      ['Phạm Minh Đức', ['specialist']],
    ]);
    const ids = await t.database.db.selectFrom('people').select(['id', 'username']).where('username', 'in', ['lanhdao.tuphap', 'chuyenvien.tuphap']).execute();
    expect(res.body.items.map((o: { id: string }) => o.id).sort()).toEqual(ids.map((r) => r.id).sort());
    for (const o of res.body.items) expect(Object.keys(o).sort()).toEqual(['fullName', 'id', 'roles']);
  });

  it('drops deactivated officers', async () => {
    await t.database.db.updateTable('people').set({ active: false }).where('username', '=', 'chuyenvien.tuphap').execute();
    try {
      const res = await get('lanhdao.tuphap', 'H55.02');
      expect(res.body.items.map((o: { fullName: string }) => o.fullName)).toEqual(['Hoàng Văn Thắng']);
    } finally {
      await t.database.db.updateTable('people').set({ active: true }).where('username', '=', 'chuyenvien.tuphap').execute();
    }
  });

  it('answers 404 for an agency the caller does not work in, even a sub-agency or the parent', async () => {
    expect((await get('chuyenvien.tuphap', 'H55.03')).status).toBe(404);
    expect((await get('chuyenvien.tuphap', 'H55')).status).toBe(404);
    expect((await get('motcua.phandinhphung', 'H55.10')).status).toBe(404);
    const own = await get('motcua.phandinhphung', 'H55.10.01');
    expect(own.status).toBe(200);
    expect(own.body.items).toEqual([expect.objectContaining({ fullName: 'Vũ Thị Mai', roles: ['reception'] })]);
  });

  it('is for officers who work on dossiers: 401 anonymous, 403 citizens and other roles; 400 for a malformed code', async () => {
    expect((await get(null, 'H55.02')).status).toBe(401);
    expect((await get('congdan.an', 'H55.02')).status).toBe(403);
    expect((await get('quantri.tinh', 'H55')).status).toBe(403);
    const bad = await get('lanhdao.tuphap', 'h55-02');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.message.vi).toBeTruthy();
  });
});
