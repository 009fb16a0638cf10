import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';
import { devGatewayOptions, gatewayFromConfig } from './gateway-config.js';

const SECRET = 's'.repeat(40);
const VNPAY = {
  VNPAY_TMN_CODE: 'MERCHANT01',
  VNPAY_HASH_SECRET: 'h'.repeat(32),
  VNPAY_PAYMENT_URL: 'https://sandbox.vnpayment.vn/paymentv2/vpcpay.html',
  VNPAY_API_URL: 'https://sandbox.vnpayment.vn/merchant_webapi/api/transaction',
};
const PRODUCTION = { NODE_ENV: 'production', MOTCUA_SECRET: SECRET, DATABASE_URL: 'postgres://db.example/motcua', OIDC_ISSUER: 'https://id.example', OIDC_CLIENT_ID: 'motcua' };

describe('payment gateway configuration', () => {
  it('serves the development gateway only without a real one and outside production', () => {
    const dev = loadConfig({ MOTCUA_SECRET: SECRET, PORT: '4100' });
    expect(dev.payments).toEqual({ kind: 'dev', expireMinutes: 15 });
    expect(gatewayFromConfig(dev)?.name).toBe('vnpay-dev');
    expect(devGatewayOptions(dev)).toMatchObject({ notifyUrl: 'http://localhost:4100/api/v1/payments/ipn' });
    // The development merchant secret is derived from the platform secret, not fixed in the code.
    expect(devGatewayOptions(dev)!.secret).not.toBe(devGatewayOptions(loadConfig({ MOTCUA_SECRET: 't'.repeat(40) }))!.secret);

    const real = loadConfig({ MOTCUA_SECRET: SECRET, ...VNPAY, PAYMENT_EXPIRE_MINUTES: '20' });
    expect(real.payments).toMatchObject({ kind: 'vnpay', tmnCode: 'MERCHANT01', expireMinutes: 20 });
    expect(gatewayFromConfig(real)?.name).toBe('vnpay');
    expect(devGatewayOptions(real)).toBeNull();

    const production = loadConfig(PRODUCTION);
    expect(production.payments).toEqual({ kind: 'none' });
    expect(gatewayFromConfig(production)).toBeNull();
    expect(devGatewayOptions(production)).toBeNull();
    expect(loadConfig({ ...PRODUCTION, ...VNPAY }).payments.kind).toBe('vnpay');
  });

  it('refuses a partial VNPAY configuration and bad values', () => {
    expect(() => loadConfig({ MOTCUA_SECRET: SECRET, VNPAY_TMN_CODE: 'MERCHANT01' })).toThrow(ConfigError);
    expect(() => loadConfig({ MOTCUA_SECRET: SECRET, ...VNPAY, VNPAY_PAYMENT_URL: 'not a url' })).toThrow(ConfigError);
    expect(() => loadConfig({ MOTCUA_SECRET: SECRET, PAYMENT_EXPIRE_MINUTES: '2' })).toThrow(ConfigError);
  });
});
