import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_DB, type TestApp } from '../../../test/helpers/test-app.js';
import { CalendarProvider } from '../calendar/calendar.store.js';
import { calendarOf } from '../dossiers/dossiers.service.js';
import { devHashSecret } from './dev-gateway.js';
import { gatewayFromConfig } from './gateway-config.js';
import { reconcilePayments, type PaymentDeps } from './payments.service.js';
import { signed, toQueryString } from './vnpay/protocol.js';

let t: TestApp;
const tokens: Record<string, string> = {};
const USERS = ['congdan.an', 'congdan.binh', 'motcua.tinh', 'chuyenvien.tuphap', 'motcua.phandinhphung', 'kiemsoat.tinh'] as const;
type Who = (typeof USERS)[number] | 'anonymous';
const as = (who: Who) => (who === 'anonymous' ? undefined : tokens[who]);

let seq = 0;
const key = () => `payment-test-${Date.now()}-${++seq}`;
const PROCEDURE = '3.950071';
const FEE = 120_000;

beforeAll(async () => {
  t = await startTestApp();
  for (const u of USERS) tokens[u] = await t.tokenFor(u);
  // Received at the provincial centre (H55.01), settled by the Department of Justice (H55.02); online fee 100 000 + 20 000 đ.
  const created = await t.call('POST', '/api/v1/procedures', {
    token: tokens['kiemsoat.tinh'],
    headers: { 'idempotency-key': key() },
    body: {
      code: PROCEDURE,
      name: 'Cấp bản sao trích lục hộ tịch (thử nghiệm thanh toán)',
      field: 'Hộ tịch',
      levels: ['province'],
      applicantTypes: ['citizen'],
      agencies: { competent: { text: 'Sở Tư pháp tỉnh Thái Nguyên', codes: ['H55.02'] }, receiving: { text: null, codes: ['H55.01'] } },
      channels: [
        {
          channel: 'online',
          processingTime: { unit: 'working_days', value: 3 },
          fees: [
            { kind: 'amount', amountVnd: 100_000, label: 'Lệ phí' },
            { kind: 'amount', amountVnd: 20_000, label: 'Phí', per: 'bản' },
          ],
        },
      ],
    },
  });
  expect(created.status).toBe(201);
  const published = await t.call('POST', `/api/v1/procedures/${PROCEDURE}/publish`, { token: tokens['kiemsoat.tinh'], headers: { 'if-match': created.headers.get('etag')! }, body: {} });
  expect(published.status).toBe(200);
});
afterAll(async () => t?.close());

async function fileDossier(): Promise<{ id: string; version: number }> {
  const r = await t.call('POST', '/api/v1/dossiers', { token: tokens['congdan.an'], headers: { 'idempotency-key': key() }, body: { procedureCode: PROCEDURE, receivingAgencyCode: 'H55.01', formData: {} } });
  expect(r.status).toBe(201);
  return { id: r.body.id, version: r.body.version };
}

const act = async (who: Who, ref: string, action: string, version: number, payload: Record<string, unknown> = {}) => {
  const r = await t.call('POST', `/api/v1/dossiers/${ref}/actions/${action}`, { token: as(who), headers: { 'if-match': `"${version}"`, 'idempotency-key': key() }, body: payload });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};

/** A dossier whose processing agency asked for a financial obligation of `amount` (status AWAITING_PAYMENT). */
async function awaitingPayment(amount: number): Promise<string> {
  const d = await fileDossier();
  let body = await act('motcua.tinh', d.id, 'RECEIVE', d.version);
  body = await act('motcua.tinh', body.code, 'FORWARD', body.version);
  body = await act('chuyenvien.tuphap', body.code, 'REQUEST_PAYMENT', body.version, { amount, description: 'Lệ phí cấp bản sao bổ sung' });
  expect(body.status).toBe('AWAITING_PAYMENT');
  return body.code;
}

const startPayment = (ref: string, who: Who = 'congdan.an', k = key()) => t.call('POST', `/api/v1/dossiers/${ref}/payments`, { token: as(who), headers: { 'idempotency-key': k }, body: {} });
const payments = (ref: string, who: Who = 'congdan.an') => t.call('GET', `/api/v1/dossiers/${ref}/payments`, { token: as(who) });

/** The payer at the development gateway: opens the page, then pays or cancels. Answers the redirect back. */
async function atGateway(redirectUrl: string, action: 'pay' | 'cancel', ipn: 'now' | 'later' | 'never'): Promise<string> {
  expect(redirectUrl.startsWith(`${t.baseUrl}/dev-gateway/paymentv2/vpcpay.html?`)).toBe(true);
  const pageRes = await fetch(redirectUrl);
  const html = await pageRes.text();
  expect(pageRes.status, html).toBe(200);
  expect(html).toContain('Thanh toán trực tuyến');
  const txnRef = /name="txnRef" value="([A-Z0-9]+)"/.exec(html)![1]!;
  const res = await fetch(`${t.baseUrl}/dev-gateway/paymentv2/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ txnRef, action, ipn }).toString(),
    redirect: 'manual',
  });
  expect(res.status).toBe(303);
  const location = res.headers.get('location')!;
  expect(location.startsWith(`${t.baseUrl}/api/v1/payments/return?`)).toBe(true);
  return location;
}

/** The browser following the gateway's redirect back: answers where it is sent next. */
async function back(location: string): Promise<{ status: number; location: string | null; body: string }> {
  const res = await fetch(location, { redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), body: await res.text() };
}

const sendIpnAgain = async (txnRef: string) => (await (await fetch(`${t.baseUrl}/dev-gateway/transactions/${txnRef}/ipn`, { method: 'POST' })).json()) as { answer: { RspCode: string } };
const notifications = (txnRef: string) => t.database.db.selectFrom('payment_notifications').selectAll().where('txn_ref', '=', txnRef).orderBy('received_at').execute();
const historyActions = async (ref: string) => ((await t.call('GET', `/api/v1/dossiers/${ref}/history`, { token: tokens['congdan.an'] })).body.items as { action: string }[]).map((i) => i.action);

describe(`payments: the procedure fee through the development gateway (${TEST_DB})`, () => {
  it('IPN before the browser return: paid once, recorded, and nothing more is due', async () => {
    const d = await fileDossier();
    expect((await t.call('GET', `/api/v1/dossiers/${d.id}`, { token: tokens['congdan.an'] })).body.fees).toEqual({ due: { purpose: 'procedure_fee', amountVnd: FEE, description: 'Lệ phí; Phí' }, paidVnd: 0, pending: false });
    const before = await payments(d.id);
    expect(before.status).toBe(200);
    expect(before.body.due).toEqual({ purpose: 'procedure_fee', amountVnd: FEE, description: 'Lệ phí; Phí' });

    const created = await startPayment(d.id);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ reused: false, payment: { status: 'pending', amountVnd: FEE, purpose: 'procedure_fee', gateway: 'vnpay-dev' } });
    const url = new URL(created.body.redirectUrl);
    expect(url.searchParams.get('vnp_Amount')).toBe(String(FEE * 100));
    expect(url.searchParams.get('vnp_TxnRef')).toBe(created.body.payment.txnRef);
    expect(url.searchParams.get('vnp_SecureHash')).toMatch(/^[0-9a-f]{128}$/);

    const location = await atGateway(created.body.redirectUrl, 'pay', 'now');
    // The IPN came first: paid before the browser is back.
    const afterIpn = await payments(d.id);
    expect(afterIpn.body.items).toHaveLength(1);
    expect(afterIpn.body.items[0]).toMatchObject({ status: 'paid', statusLabel: { vi: 'Đã thanh toán' }, recordedInHistory: false });
    expect(afterIpn.body.items[0].gatewayTransactionNo).toMatch(/^\d+$/);
    expect(afterIpn.body.due).toBeNull();

    const returned = await back(location);
    expect(returned.status).toBe(303);
    expect(returned.location).toBe(`${t.baseUrl}/ho-so-cua-toi/${d.id}?thanh-toan=paid`);
    const after = await payments(d.id);
    expect(after.body.items).toHaveLength(1);
    expect(after.body.items[0].status).toBe('paid');

    const log = await notifications(created.body.payment.txnRef);
    expect(log.map((n) => [n.source, n.outcome, n.signature_valid])).toEqual([
      ['ipn', 'confirmed', true],
      ['return', 'received', true],
    ]);
    // The gateway retries: the repeated IPN is acknowledged and changes nothing.
    expect((await sendIpnAgain(created.body.payment.txnRef)).answer).toEqual({ RspCode: '02', Message: 'Order already confirmed' });
    expect((await payments(d.id)).body.items).toHaveLength(1);

    // The dossier's own page shows the fee state.
    const view = await t.call('GET', `/api/v1/dossiers/${d.id}`, { token: tokens['congdan.an'] });
    expect(view.body.fees).toEqual({ due: null, paidVnd: FEE, pending: false });

    const again = await startPayment(d.id);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('PAYMENT_NOTHING_DUE');
    expect(again.body.message.vi).toMatch(/không có khoản/);
  });

  it('the same Idempotency-Key replays the first answer; a second request while one is open sends the payer back to it', async () => {
    const d = await fileDossier();
    const k = key();
    const first = await startPayment(d.id, 'congdan.an', k);
    const replay = await startPayment(d.id, 'congdan.an', k);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.paymentId).toBe(first.body.paymentId);
    const reused = await startPayment(d.id);
    expect(reused.status).toBe(200);
    expect(reused.body).toMatchObject({ paymentId: first.body.paymentId, redirectUrl: first.body.redirectUrl, reused: true });
    expect((await payments(d.id)).body.items).toHaveLength(1);
  });

  it('a cancelled payment is closed as cancelled and a new one can be made', async () => {
    const d = await fileDossier();
    const created = await startPayment(d.id);
    const location = await atGateway(created.body.redirectUrl, 'cancel', 'now');
    const returned = await back(location);
    expect(returned.location).toBe(`${t.baseUrl}/ho-so-cua-toi/${d.id}?thanh-toan=cancelled`);
    const list = await payments(d.id);
    expect(list.body.items[0]).toMatchObject({ status: 'cancelled', paidAt: null });
    expect(list.body.due).toMatchObject({ amountVnd: FEE });
    const retry = await startPayment(d.id);
    expect(retry.status).toBe(201);
    expect(retry.body.paymentId).not.toBe(created.body.paymentId);
  });
});

describe(`payments: the fee paid before submitting (${TEST_DB})`, () => {
  it('pays the fee of a draft, comes back to the application, then submits it with nothing more due; the paid draft cannot be discarded', async () => {
    const created = await t.call('POST', '/api/v1/dossiers', { token: tokens['congdan.an'], headers: { 'idempotency-key': key() }, body: { procedureCode: PROCEDURE, receivingAgencyCode: 'H55.01', formData: {}, draft: true } });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('DRAFT');
    const draft = { id: created.body.id as string, version: created.body.version as number };
    expect((await payments(draft.id)).body.due).toEqual({ purpose: 'procedure_fee', amountVnd: FEE, description: 'Lệ phí; Phí' });

    const started = await startPayment(draft.id);
    expect(started.status).toBe(201);
    const returned = await back(await atGateway(started.body.redirectUrl, 'pay', 'now'));
    expect(returned.status).toBe(303);
    expect(returned.location).toBe(`${t.baseUrl}/thu-tuc/${PROCEDURE}/nop-ho-so?ban-nhap=${draft.id}&thanh-toan=paid`);
    expect((await payments(draft.id)).body).toMatchObject({ due: null, items: [{ status: 'paid', amountVnd: FEE }] });

    const discard = await t.call('DELETE', `/api/v1/dossiers/${draft.id}/draft`, { token: tokens['congdan.an'], headers: { 'if-match': `"${draft.version}"` } });
    expect(discard.status).toBe(409);
    expect(discard.body.code).toBe('DOSSIER_DRAFT_HAS_PAYMENT');

    const submitted = await act('congdan.an', draft.id, 'SUBMIT_ONLINE', draft.version);
    expect(submitted.status).toBe('SUBMITTED');
    const read = await t.call('GET', `/api/v1/dossiers/${draft.id}`, { token: tokens['congdan.an'] });
    expect(read.body.fees).toEqual({ due: null, paidVnd: FEE, pending: false });
  });
});

describe(`payments: a requested financial obligation recorded through the workflow (${TEST_DB})`, () => {
  for (const order of ['IPN first', 'return first'] as const) {
    it(`${order}: RECORD_PAYMENT once, the clock resumes`, async () => {
      const code = await awaitingPayment(350_000);
      const created = await startPayment(code);
      expect(created.status).toBe(201);
      expect(created.body.due).toEqual({ purpose: 'financial_obligation', amountVnd: 350_000, description: 'Lệ phí cấp bản sao bổ sung' });
      const txnRef = created.body.payment.txnRef;

      const location = await atGateway(created.body.redirectUrl, 'pay', order === 'IPN first' ? 'now' : 'later');
      if (order === 'return first') expect((await payments(code)).body.items[0].status).toBe('pending');
      const returned = await back(location);
      expect(returned.location).toBe(`${t.baseUrl}/ho-so-cua-toi/${encodeURIComponent(code)}?thanh-toan=paid`);
      const ipn = await sendIpnAgain(txnRef);
      expect(ipn.answer.RspCode).toBe('02');

      const dossier = await t.call('GET', `/api/v1/dossiers/${code}`, { token: tokens['congdan.an'] });
      expect(dossier.body.status).toBe('IN_PROCESS');
      expect(dossier.body.pausedSince).toBeNull();
      const actions = await historyActions(code);
      expect(actions.filter((a) => a === 'RECORD_PAYMENT')).toHaveLength(1);
      expect(actions.at(-1)).toBe('RECORD_PAYMENT');
      const history = (await t.call('GET', `/api/v1/dossiers/${code}/history`, { token: tokens['motcua.tinh'] })).body.items;
      expect(history.at(-1).actor).toMatchObject({ name: 'Cổng thanh toán trực tuyến', agencyCode: 'H55.01' });

      const list = await payments(code);
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0]).toMatchObject({ status: 'paid', recordedInHistory: true, settlementNote: null });
      // The obligation is settled; the procedure's own fee, never paid for this dossier, is what remains due.
      expect(list.body.due).toEqual({ purpose: 'procedure_fee', amountVnd: FEE, description: 'Lệ phí; Phí' });
      const sources = (await notifications(txnRef)).map((n) => `${n.source}:${n.outcome}`);
      expect(sources).toEqual(order === 'IPN first' ? ['ipn:confirmed', 'return:received', 'ipn:already_confirmed'] : ['return:received', 'query:confirmed', 'ipn:already_confirmed']);
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', created.body.paymentId).execute();
      expect(audit.map((a) => a.action)).toEqual(['payment.create', 'payment.paid']);
    });
  }
});

describe(`payments: the return and the IPN at the same moment (${TEST_DB})`, () => {
  it('records the payment once', async () => {
    const code = await awaitingPayment(210_000);
    const created = await startPayment(code);
    const location = await atGateway(created.body.redirectUrl, 'pay', 'later');
    const [returned, ipn1, ipn2] = await Promise.all([back(location), sendIpnAgain(created.body.payment.txnRef), sendIpnAgain(created.body.payment.txnRef)]);
    expect(returned.location).toContain('thanh-toan=paid');
    expect([ipn1.answer.RspCode, ipn2.answer.RspCode].sort()).toEqual(expect.arrayContaining(['02']));
    expect((await historyActions(code)).filter((a) => a === 'RECORD_PAYMENT')).toHaveLength(1);
    const list = await payments(code);
    expect(list.body.items.filter((p: { status: string }) => p.status === 'paid')).toHaveLength(1);
    const confirmations = (await notifications(created.body.payment.txnRef)).filter((n) => n.outcome === 'confirmed');
    expect(confirmations).toHaveLength(1);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await t.call('GET', '/api/v1/openapi.json')).body;
    for (const path of ['/api/v1/dossiers/{code}/payments', '/api/v1/payments/return', '/api/v1/payments/ipn']) expect(Object.keys(doc.paths)).toContain(path);
  });
});

describe(`payments: messages that are not to be trusted (${TEST_DB})`, () => {
  it('refuses a forged signature (IPN and return), an amount mismatch and an unknown order, and records each', async () => {
    const d = await fileDossier();
    const created = await startPayment(d.id);
    const txnRef = created.body.payment.txnRef;
    const secret = devHashSecret(t.config.secret);
    // The gateway checks the merchant's signature too: a payment URL with another amount is refused.
    const tamperedUrl = new URL(created.body.redirectUrl);
    tamperedUrl.searchParams.set('vnp_Amount', '100');
    const refusedPage = await fetch(tamperedUrl);
    expect(refusedPage.status).toBe(400);
    expect(await refusedPage.text()).toContain('Sai chữ ký');
    const genuine = { vnp_Amount: String(FEE * 100), vnp_BankCode: 'NCB', vnp_OrderInfo: 'x', vnp_PayDate: '20261123100000', vnp_ResponseCode: '00', vnp_TmnCode: 'MOTCUADEV', vnp_TransactionNo: '1', vnp_TransactionStatus: '00', vnp_TxnRef: txnRef };

    const forged = { ...signed(genuine, 'not-the-merchant-secret'), vnp_Amount: String(FEE * 100) };
    const ipnForged = await t.call('GET', `/api/v1/payments/ipn?${toQueryString(forged)}`);
    expect(ipnForged.status).toBe(200);
    expect(ipnForged.body).toEqual({ RspCode: '97', Message: 'Invalid signature' });
    const tampered = { ...signed(genuine, secret), vnp_TransactionStatus: '00', vnp_Amount: String(FEE * 10) };
    expect((await t.call('GET', `/api/v1/payments/ipn?${toQueryString(tampered)}`)).body.RspCode).toBe('97');
    const returnForged = await back(`${t.baseUrl}/api/v1/payments/return?${toQueryString(forged)}`);
    expect(returnForged.status).toBe(400);
    expect(JSON.parse(returnForged.body)).toMatchObject({ code: 'PAYMENT_SIGNATURE_INVALID', message: { vi: expect.stringMatching(/Chữ ký/) } });

    const mismatch = signed({ ...genuine, vnp_Amount: String((FEE - 1000) * 100) }, secret);
    expect((await t.call('GET', `/api/v1/payments/ipn?${toQueryString(mismatch)}`)).body).toEqual({ RspCode: '04', Message: 'Invalid amount' });
    const unknown = signed({ ...genuine, vnp_TxnRef: 'MCUNKNOWN0000' }, secret);
    expect((await t.call('POST', '/api/v1/payments/ipn', { raw: new URLSearchParams(unknown).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } })).body).toEqual({ RspCode: '01', Message: 'Order not found' });

    expect((await payments(d.id)).body.items[0].status).toBe('pending');
    const log = await notifications(txnRef);
    expect(log.map((n) => [n.source, n.outcome, n.signature_valid])).toEqual([
      ['ipn', 'invalid_signature', false],
      ['ipn', 'invalid_signature', false],
      ['return', 'invalid_signature', false],
      ['ipn', 'amount_mismatch', true],
    ]);
    expect((await notifications('MCUNKNOWN0000')).map((n) => n.outcome)).toEqual(['not_found']);
    // The kept messages cannot be rewritten.
    await expect(t.database.db.deleteFrom('payment_notifications').where('txn_ref', '=', txnRef).execute()).rejects.toThrow(/append-only/);
  });
});

describe(`payments: reconciliation (${TEST_DB})`, () => {
  it('settles a payment whose IPN was lost and expires one never paid', async () => {
    const calendars = new CalendarProvider(t.database.db);
    const deps: PaymentDeps = {
      db: t.database.db,
      gateway: gatewayFromConfig(t.config),
      publicUrl: t.config.publicUrl,
      expireMinutes: 15,
      calendarFor: (a) => calendarOf(calendars, a),
    };
    const lostCode = await awaitingPayment(90_000);
    const lost = await startPayment(lostCode);
    await atGateway(lost.body.redirectUrl, 'pay', 'never'); // and the browser never comes back
    const abandoned = await fileDossier();
    const never = await startPayment(abandoned.id);
    expect((await payments(lostCode)).body.items[0].status).toBe('pending');

    // Not old enough yet: left alone.
    const early = await reconcilePayments(deps, { olderThanMinutes: 60 });
    expect(early.checked).toBe(0);

    const summary = await reconcilePayments(deps, { olderThanMinutes: 0 });
    expect(summary.paid).toBeGreaterThanOrEqual(1);
    expect((await payments(lostCode)).body.items[0]).toMatchObject({ status: 'paid', recordedInHistory: true });
    expect((await t.call('GET', `/api/v1/dossiers/${lostCode}`, { token: tokens['congdan.an'] })).body.status).toBe('IN_PROCESS');
    // Unknown at the gateway but still within its payment window: still pending.
    expect((await payments(abandoned.id)).body.items[0].status).toBe('pending');

    const later = await reconcilePayments(deps, { olderThanMinutes: 0, now: new Date(Date.now() + 20 * 60_000) });
    expect(later.expired).toBeGreaterThanOrEqual(1);
    expect((await payments(abandoned.id)).body.items.find((p: { id: string }) => p.id === never.body.paymentId).status).toBe('expired');
    // Settled payments are not asked about again; the paid one stays recorded once.
    expect((await historyActions(lostCode)).filter((a) => a === 'RECORD_PAYMENT')).toHaveLength(1);
  });
});

describe(`payments: who may pay and see (${TEST_DB})`, () => {
  it('only the applicant pays; the applicant and the agencies that see the dossier read; others get 404', async () => {
    const code = await awaitingPayment(50_000);
    for (const [who, status] of [
      ['congdan.binh', 404],
      ['motcua.tinh', 403],
      ['chuyenvien.tuphap', 403],
      ['anonymous', 401],
    ] as const) {
      expect((await startPayment(code, who)).status, who).toBe(status);
    }
    for (const [who, status] of [
      ['congdan.an', 200],
      ['motcua.tinh', 200],
      ['chuyenvien.tuphap', 200],
      ['motcua.phandinhphung', 404],
      ['congdan.binh', 404],
      ['kiemsoat.tinh', 404],
      ['anonymous', 401],
    ] as const) {
      expect((await payments(code, who)).status, who).toBe(status);
    }
    expect((await payments('H55.01-991231-9999')).status).toBe(404);
    expect((await startPayment(code, 'congdan.an')).status).toBe(201);
    // A missing Idempotency-Key is refused before anything is written.
    const noKey = await t.call('POST', `/api/v1/dossiers/${code}/payments`, { token: tokens['congdan.an'], body: {} });
    expect(noKey.status).toBe(400);
    expect(noKey.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
  });
});
