import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeAmount,
  encodeAmount,
  formatVnTime,
  IPN_ANSWERS,
  MAX_AMOUNT_VND,
  outcomeOf,
  parseVnTime,
  payParams,
  QUERY_REQUEST_FIELDS,
  queryBody,
  readResult,
  SECURE_HASH,
  sign,
  signed,
  signingString,
  verify,
  verifyFields,
} from './protocol.js';

const SECRET = 'a-merchant-secret-for-tests-0123456789';
const key = fc.stringMatching(/^vnp_[A-Za-z]{1,12}$/);
const value = fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' });
const params = fc.dictionary(key, value, { minKeys: 1, maxKeys: 12 });

describe('VNPAY signing', () => {
  it('signs the sorted, form-encoded vnp_ parameters and ignores the hash fields and others', () => {
    expect(signingString({ vnp_b: 'x y', vnp_a: 'Thanh toán & phí', other: '1', vnp_SecureHash: 'z', vnp_SecureHashType: 'SHA512' })).toBe(
      'vnp_a=Thanh+to%C3%A1n+%26+ph%C3%AD&vnp_b=x+y',
    );
    expect(sign({ vnp_a: '1' }, SECRET)).toMatch(/^[0-9a-f]{128}$/);
  });

  it('property: what is signed verifies, whatever the order the parameters arrive in', () => {
    fc.assert(
      fc.property(params, (p) => {
        const s = signed(p, SECRET);
        const reordered = Object.fromEntries(Object.entries(s).reverse());
        expect(verify(reordered, SECRET)).toBe(true);
        // Through a URL and back, as the browser and the IPN carry it.
        expect(verify(Object.fromEntries(new URLSearchParams(new URLSearchParams(Object.entries(s)).toString())), SECRET)).toBe(true);
      }),
    );
  });

  it('property: any tampered field, added field, dropped field or other secret fails verification', () => {
    fc.assert(
      fc.property(params, fc.nat(), value, (p, i, v) => {
        const s = signed(p, SECRET);
        const keys = Object.keys(p);
        const k = keys[i % keys.length]!;
        if (s[k] !== v) expect(verify({ ...s, [k]: v }, SECRET)).toBe(false);
        expect(verify({ ...s, vnp_Injected: 'x' }, SECRET)).toBe(false);
        const { [k]: _dropped, ...rest } = s;
        expect(verify(rest, SECRET)).toBe(false);
        expect(verify(s, `${SECRET}x`)).toBe(false);
        const hash = s[SECURE_HASH]!;
        const flipped = hash.slice(0, -1) + (hash.endsWith('0') ? '1' : '0');
        expect(verify({ ...s, [SECURE_HASH]: flipped }, SECRET)).toBe(false);
      }),
    );
  });

  it('refuses a missing or malformed hash', () => {
    expect(verify({ vnp_a: '1' }, SECRET)).toBe(false);
    expect(verify({ vnp_a: '1', vnp_SecureHash: 'abc' }, SECRET)).toBe(false);
  });
});

describe('amounts and dates', () => {
  it('property: amount encoding is VND × 100 and round-trips', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_AMOUNT_VND }), (vnd) => {
        const raw = encodeAmount(vnd);
        expect(raw).toBe(`${BigInt(vnd) * 100n}`);
        expect(decodeAmount(raw)).toBe(vnd);
      }),
    );
  });

  it('refuses amounts that are not a positive whole number of VND', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, MAX_AMOUNT_VND + 1]) expect(() => encodeAmount(bad)).toThrow(RangeError);
    for (const bad of ['150001', '', '-100', '1e5', '0100', undefined, '99999999999999999999']) expect(decodeAmount(bad)).toBeNull();
    expect(decodeAmount('15000000')).toBe(150_000);
  });

  it('formats Viet Nam time (GMT+7) and parses it back', () => {
    expect(formatVnTime(new Date('2026-01-31T17:05:09Z'))).toBe('20260201000509');
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
        const whole = new Date(Math.floor(d.getTime() / 1000) * 1000);
        expect(parseVnTime(formatVnTime(whole))?.getTime()).toBe(whole.getTime());
      }),
    );
    expect(parseVnTime('20260230120000')).toBeNull();
    expect(parseVnTime('2026')).toBeNull();
  });
});

describe('messages', () => {
  it('builds the pay request with the protocol fields, diacritics stripped from the order info', () => {
    const p = payParams({
      tmnCode: 'MERCHANT1',
      txnRef: 'MC2611230001',
      amountVnd: 150_000,
      orderInfo: 'Thanh toán lệ phí hồ sơ H55.01-261123-0001',
      orderType: 'other',
      locale: 'vn',
      returnUrl: 'https://motcua.example/api/v1/payments/return',
      ipAddr: '203.0.113.5',
      createdAt: new Date('2026-11-23T03:00:00Z'),
      expiresAt: new Date('2026-11-23T03:15:00Z'),
    });
    expect(p).toMatchObject({ vnp_Version: '2.1.0', vnp_Command: 'pay', vnp_Amount: '15000000', vnp_CurrCode: 'VND', vnp_CreateDate: '20261123100000', vnp_ExpireDate: '20261123101500' });
    expect(p.vnp_OrderInfo).toBe('Thanh toan le phi ho so H55.01-261123-0001');
  });

  it('reads outcomes: paid only with both codes 00; 24 is a cancellation', () => {
    expect(outcomeOf('00', '00')).toBe('paid');
    expect(outcomeOf('00', '01')).toBe('pending');
    expect(outcomeOf('24', '02')).toBe('cancelled');
    expect(outcomeOf('51', '02')).toBe('failed');
    const r = readResult(signed({ vnp_TxnRef: 'X1', vnp_Amount: '100000', vnp_ResponseCode: '00', vnp_TransactionStatus: '00', vnp_PayDate: '20261123100000' }, SECRET), SECRET);
    expect(r).toMatchObject({ signatureValid: true, txnRef: 'X1', amountVnd: 1000, outcome: 'paid' });
  });

  it('signs the transaction query over its fields joined by |', () => {
    const body = queryBody({ requestId: 'r1', tmnCode: 'M', txnRef: 'T', transactionDate: new Date('2026-11-23T03:00:00Z'), now: new Date('2026-11-23T04:00:00Z'), ipAddr: '127.0.0.1', orderInfo: 'Truy vấn' }, SECRET);
    expect(verifyFields(QUERY_REQUEST_FIELDS, body, SECRET)).toBe(true);
    expect(verifyFields(QUERY_REQUEST_FIELDS, { ...body, vnp_TxnRef: 'U' }, SECRET)).toBe(false);
  });

  it('answers IPNs with the protocol codes', () => {
    expect(IPN_ANSWERS.confirmed.RspCode).toBe('00');
    expect(IPN_ANSWERS.not_found.RspCode).toBe('01');
    expect(IPN_ANSWERS.already_confirmed.RspCode).toBe('02');
    expect(IPN_ANSWERS.amount_mismatch.RspCode).toBe('04');
    expect(IPN_ANSWERS.invalid_signature.RspCode).toBe('97');
  });
});
