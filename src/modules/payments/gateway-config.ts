import type { Config } from '../../config.js';
import { DEV_GATEWAY_PREFIX, devGatewayClientConfig, devHashSecret } from './dev-gateway.js';
import type { PaymentGateway } from './gateway.js';
import { VnpayGateway } from './vnpay/vnpay-gateway.js';

/** The gateway the configuration names: a VNPAY merchant account, this process's development gateway, or none. */
export function gatewayFromConfig(config: Config): PaymentGateway | null {
  const p = config.payments;
  switch (p.kind) {
    case 'vnpay':
      return new VnpayGateway('vnpay', { tmnCode: p.tmnCode, hashSecret: p.hashSecret, paymentUrl: p.paymentUrl, apiUrl: p.apiUrl });
    case 'dev':
      return new VnpayGateway('vnpay-dev', devGatewayClientConfig(config.publicUrl, config.secret));
    case 'none':
      return null;
  }
}

/** What the development gateway needs, or null when it must not be served (a real gateway, or production). */
export function devGatewayOptions(config: Config): { secret: string; notifyUrl: string } | null {
  if (config.payments.kind !== 'dev' || config.env === 'production') return null;
  return { secret: devHashSecret(config.secret), notifyUrl: `${config.publicUrl}/api/v1/payments/ipn` };
}

export { DEV_GATEWAY_PREFIX };
