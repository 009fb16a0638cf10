import { createHash, createHmac, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify, createLocalJWKSet, createRemoteJWKSet, type JWTVerifyGetKey, type JSONWebKeySet } from 'jose';

/** The audience of API access tokens: the API's own address (resource indicators are absolute URIs). */
export const apiAudience = (publicUrl: string) => `${publicUrl}/api`;

/** Keys for the platform's own short-lived tokens (operator CLI), derived from the configured secret. */
const platformKeys = new Map<string, KeyObject>();
/**
 * The key as a KeyObject, made once per secret: given raw bytes, jose imports a new key on every
 * sign and verify, which is most of a token check's cost.
 */
function platformKey(secret: string): KeyObject {
  let key = platformKeys.get(secret);
  if (!key) {
    key = createSecretKey(createHmac('sha256', secret).update('motcua platform token v1').digest());
    platformKeys.set(secret, key);
  }
  return key;
}

export async function signPlatformToken(
  secret: string,
  issuer: string,
  subject: string,
  ttlSeconds: number,
): Promise<string> {
  return new SignJWT({ typ: 'platform' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(issuer)
    .setAudience(apiAudience(issuer))
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .setJti(randomBytes(12).toString('base64url'))
    .sign(platformKey(secret));
}

export type VerifiedToken = { subject: string; source: 'platform' | 'issuer'; clientId?: string };

/**
 * Verifies a bearer token: either one of ours (HS256, signed with the platform secret) or an access
 * token in JWT form issued by the configured OpenID provider (checked against its published keys).
 */
export class TokenVerifier {
  private issuerKeys: JWTVerifyGetKey | null = null;
  /**
   * Tokens already verified, until they expire (at most five minutes): a client sends the same
   * token with every request, and checking its signature each time is most of authentication's cost.
   * Only successes are kept; a token's claims cannot change, so the answer is the same until `exp`.
   */
  private readonly verified = new Map<string, { token: VerifiedToken; until: number }>();
  static readonly CACHE_SIZE = 10_000;
  static readonly CACHE_MS = 5 * 60_000;

  constructor(
    private readonly secret: string,
    private readonly platformIssuer: string,
    private readonly oidcIssuer: string | null,
    /** The provider's public keys: a key set, or a function that finds its jwks_uri (discovery). */
    private readonly jwks: JSONWebKeySet | (() => Promise<URL>) | null,
  ) {}

  private async keys(): Promise<JWTVerifyGetKey | null> {
    if (this.issuerKeys || this.jwks === null) return this.issuerKeys;
    this.issuerKeys = typeof this.jwks === 'function' ? createRemoteJWKSet(await this.jwks()) : createLocalJWKSet(this.jwks);
    return this.issuerKeys;
  }

  async verify(token: string): Promise<VerifiedToken | null> {
    const now = Date.now();
    const hit = this.verified.get(token);
    if (hit) {
      if (hit.until > now) return hit.token;
      this.verified.delete(token);
    }
    const checked = await this.check(token);
    if (checked) {
      if (this.verified.size >= TokenVerifier.CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { token: checked.token, until: Math.min(checked.exp ?? Infinity, now + TokenVerifier.CACHE_MS) });
    }
    return checked?.token ?? null;
  }

  private async check(token: string): Promise<{ token: VerifiedToken; exp: number | undefined } | null> {
    const header = decodeHeader(token);
    if (!header) return null;
    try {
      if (header.alg === 'HS256') {
        const { payload } = await jwtVerify(token, platformKey(this.secret), {
          issuer: this.platformIssuer,
          audience: apiAudience(this.platformIssuer),
          algorithms: ['HS256'],
        });
        return payload.sub ? { token: { subject: payload.sub, source: 'platform' }, exp: expiry(payload.exp) } : null;
      }
      const keys = await this.keys();
      if (keys && this.oidcIssuer) {
        const { payload } = await jwtVerify(token, keys, {
          issuer: this.oidcIssuer,
          audience: apiAudience(this.platformIssuer),
        });
        const clientId = typeof payload.client_id === 'string' ? payload.client_id : undefined;
        const subject = payload.sub ?? clientId;
        return subject ? { token: { subject, source: 'issuer', clientId }, exp: expiry(payload.exp) } : null;
      }
    } catch {
      return null;
    }
    return null;
  }
}

const expiry = (exp: number | undefined) => (exp === undefined ? undefined : exp * 1000);

function decodeHeader(token: string): { alg?: string } | null {
  const part = token.split('.')[0];
  if (!part || token.split('.').length !== 3) return null;
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

export function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
