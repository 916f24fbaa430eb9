// Frontend callers with an OIDC/JWT bearer token: a verifier (jose) that maps a token to a name and scopes, by the settings of config-jwt.ts.
import { createRemoteJWKSet, errors, importSPKI, jwtVerify, type CryptoKey, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { EXAMPLE_JWKS_URL, JWT_VARIABLES, JwtConfigError, type JwtSettings } from '../config-jwt.js';

export { JwtConfigError, type JwtSettings };

export type JwtFailure =
  | 'expired'
  | 'not-yet-valid'
  | 'bad-signature'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'unknown-key'
  | 'algorithm-not-allowed'
  | 'malformed'
  | 'jwks-unavailable';

export type JwtOutcome =
  | { ok: true; name: string; scopes: Set<string> /** The token's `exp`, seconds since the epoch. */; expiresAt?: number }
  | { ok: false; reason: JwtFailure };

/** Real access tokens are 1-3 KB; a cap keeps a hostile header from costing base64/JSON work before any check. */
const MAX_TOKEN_LENGTH = 8192;
/** Three base64url segments (the signature may be empty, as in `alg: none`), the first a JSON object (`{` encodes as `ey`). */
export function isJwtShaped(token: string): boolean {
  // The `ey` start keeps API keys that merely contain two dots on the API-key path.
  return /^ey[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}

/** The key source failed (network, HTTP status, bad JSON, timeout) rather than the token: an outage, not a forgery. */
class KeySourceUnavailable extends Error {}
/** The configured PEM cannot verify the token's algorithm (an RSA key and an ES256 token). */
class NoKeyForAlgorithm extends Error {}

/*
 * createRemoteJWKSet options (jose defaults: timeout 5 s, cooldown 30 s, max age 10 min):
 * - timeoutDuration 3 s: a JWKS is a few KB from a CDN-fronted endpoint; a stalled identity provider should fail the
 *   waiting request fast rather than hold it 5 s. Concurrent requests share one fetch, so this is paid once.
 * - cooldownDuration 30 s (jose's default, kept): an unknown `kid` is attacker-controlled, and each would otherwise
 *   trigger a fetch; the cooldown bounds that to one fetch per 30 s, while a real rotation is still picked up within
 *   30 s (providers publish new keys before they sign with them).
 * - cacheMaxAge 10 min (jose's default, kept): bounds how long a key the provider withdrew (say after a leak) is still
 *   trusted, for one small fetch per 10 minutes. jose refetches a stale set before verifying and has no stale-if-error,
 *   so an outage of the provider at that moment shows as 'jwks-unavailable' until it is back.
 */
const JWKS_OPTIONS = { timeoutDuration: 3_000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 } as const;

function remoteKeys(jwksUrl: string): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(new URL(jwksUrl), JWKS_OPTIONS);
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      // Key selection verdicts are about the token; everything else (fetch TypeError, non-200, JWKSInvalid,
      // JWKSTimeout, a JWK that will not import) is about the key source.
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys || error instanceof errors.JOSENotSupported) {
        throw error;
      }
      throw new KeySourceUnavailable('JWKS unavailable', { cause: error });
    }
  };
}

function pemKeys(publicKeyPem: string): JWTVerifyGetKey {
  // WebCrypto keys are bound to one algorithm, so the PEM is imported once per algorithm actually seen, lazily, and
  // the promise is cached so concurrent first requests share one import.
  const imported = new Map<string, Promise<CryptoKey>>();
  return async (header) => {
    const { alg } = header;
    let key = imported.get(alg);
    if (key === undefined) {
      key = importSPKI(publicKeyPem, alg);
      imported.set(alg, key);
    }
    try {
      return await key;
    } catch (error) {
      // Deterministic (the PEM does not change), so the rejected promise may stay cached.
      throw new NoKeyForAlgorithm('no key for this algorithm', { cause: error });
    }
  };
}

function reasonFor(error: unknown): JwtFailure {
  if (error instanceof KeySourceUnavailable) return 'jwks-unavailable';
  if (error instanceof NoKeyForAlgorithm) return 'unknown-key';
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'wrong-issuer';
    if (error.claim === 'aud') return 'wrong-audience';
    if (error.claim === 'nbf') return 'not-yet-valid';
    return 'malformed'; // exp missing or not a number, iat not a number
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad-signature';
  // Several keys fit a token without a `kid`: refusing is safer than trying each, and providers always send a kid.
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return 'unknown-key';
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return 'algorithm-not-allowed';
  if (error instanceof errors.JWKSTimeout) return 'jwks-unavailable';
  // JWSInvalid, JWTInvalid and anything unexpected: refuse (fail closed) as malformed.
  return 'malformed';
}

function scopesFrom(value: unknown): Set<string> {
  // OAuth's `scope` is one space-separated string; Entra's `scp` may be either; Auth0's `permissions` is an array.
  const items = typeof value === 'string' ? value.split(/\s+/) : Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  return new Set(items.filter((item) => item !== ''));
}

/** A verifier for settings from parseJwtSettings; it never throws for a bad token and never returns the token. */
export function createJwtVerifier(settings: JwtSettings): (token: string) => Promise<JwtOutcome> {
  const { jwksUrl, publicKeyPem } = settings;
  if ((jwksUrl === undefined) === (publicKeyPem === undefined)) {
    throw new JwtConfigError(
      `Set exactly one of ${JWT_VARIABLES.jwksUrl} and ${JWT_VARIABLES.publicKey}, such as ${JWT_VARIABLES.jwksUrl}=${EXAMPLE_JWKS_URL}`,
    );
  }
  const keys = jwksUrl !== undefined ? remoteKeys(jwksUrl) : pemKeys(publicKeyPem as string);
  const options = {
    issuer: settings.issuer,
    audience: settings.audience,
    algorithms: [...settings.algorithms],
    clockTolerance: settings.clockToleranceSeconds,
    // A token without exp would never expire; every OIDC access token carries one.
    requiredClaims: ['exp'],
  };

  return async (token) => {
    // Length first (no regex over a megabyte), then shape, so junk never reaches jose or triggers a JWKS fetch.
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH || !isJwtShaped(token)) return { ok: false, reason: 'malformed' };
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, options));
    } catch (error) {
      return { ok: false, reason: reasonFor(error) };
    }
    const name = payload[settings.nameClaim];
    return {
      ok: true,
      name: typeof name === 'string' && name !== '' ? name : 'jwt',
      scopes: scopesFrom(payload[settings.scopesClaim]),
      ...(typeof payload.exp === 'number' ? { expiresAt: payload.exp } : {}),
    };
  };
}
