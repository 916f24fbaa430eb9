// Frontend callers with an OIDC/JWT bearer token: the TEAMGRAPH_JWT_* settings and a verifier that maps a token to a name and scopes.
import { createPublicKey, type KeyObject } from 'node:crypto';
import {
  createRemoteJWKSet,
  errors,
  importSPKI,
  jwtVerify,
  type CryptoKey,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';

export interface JwtSettings {
  /** Where the identity provider publishes its signing keys; exactly one of jwksUrl and publicKeyPem. */
  jwksUrl?: string;
  /** One SPKI PEM public key, for issuers without a JWKS endpoint. */
  publicKeyPem?: string;
  /** Compared exactly with the token's `iss` (no trailing-slash folding: Auth0's issuer ends in `/`, others do not). */
  issuer: string;
  /** Must appear in the token's `aud` (a string or an array). */
  audience: string;
  algorithms: string[];
  clockToleranceSeconds: number;
  scopesClaim: string;
  nameClaim: string;
}

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
  | { ok: true; name: string; scopes: Set<string>; /** The token's `exp`, seconds since the epoch. */ expiresAt?: number }
  | { ok: false; reason: JwtFailure };

export class JwtConfigError extends Error {
  override readonly name = 'JwtConfigError';
}

/** Asymmetric JWS algorithms only: the gateway holds public keys, so its configuration can verify but never mint a token. */
export const JWT_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;

/** What nearly every OIDC provider signs with (RS256 is the OIDC default; ES256 is the usual modern choice). */
const DEFAULT_ALGORITHMS = ['RS256', 'ES256'];
/** Covers ordinary drift between the identity provider's clock and ours without stretching a token's life noticeably. */
const DEFAULT_CLOCK_TOLERANCE = 30;
/** Five minutes is already generous; more would quietly extend every token, including stolen ones. */
const MAX_CLOCK_TOLERANCE = 300;
/** Real access tokens are 1-3 KB; a cap keeps a hostile header from costing base64/JSON work before any check. */
const MAX_TOKEN_LENGTH = 8192;

const VARIABLES = {
  jwksUrl: 'TEAMGRAPH_JWT_JWKS_URL',
  publicKey: 'TEAMGRAPH_JWT_PUBLIC_KEY',
  issuer: 'TEAMGRAPH_JWT_ISSUER',
  audience: 'TEAMGRAPH_JWT_AUDIENCE',
  algorithms: 'TEAMGRAPH_JWT_ALGORITHMS',
  clockTolerance: 'TEAMGRAPH_JWT_CLOCK_TOLERANCE',
  scopesClaim: 'TEAMGRAPH_JWT_SCOPES_CLAIM',
  nameClaim: 'TEAMGRAPH_JWT_NAME_CLAIM',
} as const;

const EXAMPLE_JWKS_URL = 'https://login.example.com/.well-known/jwks.json';
const EXAMPLE_ALGORITHMS = 'RS256,ES256';

type Env = Readonly<Record<string, string | undefined>>;

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/*
 * Messages name the variable and show an example but never echo what was set: a URL can carry credentials, and a
 * value in the wrong variable may well be a secret pasted there by mistake.
 */
export function parseJwtSettings(env: Env): JwtSettings | null {
  const jwksUrl = read(env, VARIABLES.jwksUrl);
  const pemText = read(env, VARIABLES.publicKey);
  if (jwksUrl === undefined && pemText === undefined) {
    // Anything else set without a key source is half a configuration: stop rather than silently run without JWTs.
    const stray = Object.values(VARIABLES).filter((name) => read(env, name) !== undefined);
    if (stray.length > 0) {
      throw new JwtConfigError(
        `${stray.join(' and ')} ${stray.length === 1 ? 'is' : 'are'} set but no key source: set ${VARIABLES.jwksUrl} (such as ${EXAMPLE_JWKS_URL}) or ${VARIABLES.publicKey}, or unset ${stray.join(' and ')}`,
      );
    }
    return null;
  }
  if (jwksUrl !== undefined && pemText !== undefined) {
    throw new JwtConfigError(`Set only one of ${VARIABLES.jwksUrl} and ${VARIABLES.publicKey}, such as ${VARIABLES.jwksUrl}=${EXAMPLE_JWKS_URL}`);
  }
  const source = jwksUrl !== undefined ? VARIABLES.jwksUrl : VARIABLES.publicKey;

  const issuer = read(env, VARIABLES.issuer);
  if (issuer === undefined) {
    throw new JwtConfigError(`${VARIABLES.issuer} is required with ${source}, such as https://login.example.com/ (the token's iss, exactly)`);
  }
  const audience = read(env, VARIABLES.audience);
  if (audience === undefined) {
    throw new JwtConfigError(`${VARIABLES.audience} is required with ${source}, such as api://teamgraph (a value of the token's aud)`);
  }

  const algorithms = parseAlgorithms(read(env, VARIABLES.algorithms));
  const clockToleranceSeconds = parseClockTolerance(read(env, VARIABLES.clockTolerance));
  const scopesClaim = read(env, VARIABLES.scopesClaim) ?? 'scope';
  const nameClaim = read(env, VARIABLES.nameClaim) ?? 'sub';
  const common = { issuer, audience, algorithms, clockToleranceSeconds, scopesClaim, nameClaim };

  if (jwksUrl !== undefined) {
    checkJwksUrl(jwksUrl);
    return { jwksUrl, ...common };
  }
  const publicKeyPem = parsePublicKeyPem(pemText as string, algorithms);
  return { publicKeyPem, ...common };
}

function parseAlgorithms(text: string | undefined): string[] {
  if (text === undefined) return [...DEFAULT_ALGORITHMS];
  const entries = text.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  if (entries.length === 0) throw new JwtConfigError(`${VARIABLES.algorithms} must list at least one algorithm, such as ${EXAMPLE_ALGORITHMS}`);
  const chosen: string[] = [];
  entries.forEach((entry, index) => {
    if (entry.toLowerCase() === 'none') {
      throw new JwtConfigError(`${VARIABLES.algorithms} must not include none: unsigned tokens would let anyone claim any name and scopes; use signed ones such as ${EXAMPLE_ALGORITHMS}`);
    }
    if (/^hs\d+$/i.test(entry)) {
      throw new JwtConfigError(
        `${VARIABLES.algorithms} must not include ${entry.toUpperCase()}: HMAC uses a symmetric key, so the configuration would hold a signing secret able to mint tokens; use asymmetric algorithms such as ${EXAMPLE_ALGORITHMS}`,
      );
    }
    // JOSE names are case-sensitive; accept any case in configuration and keep the canonical spelling.
    const known = JWT_ALGORITHMS.find((alg) => alg.toLowerCase() === entry.toLowerCase());
    if (known === undefined) {
      throw new JwtConfigError(`${VARIABLES.algorithms} entry ${index + 1} is not a supported algorithm; choose from ${JWT_ALGORITHMS.join(',')}, such as ${EXAMPLE_ALGORITHMS}`);
    }
    if (!chosen.includes(known)) chosen.push(known);
  });
  return chosen;
}

function parseClockTolerance(text: string | undefined): number {
  if (text === undefined) return DEFAULT_CLOCK_TOLERANCE;
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || seconds > MAX_CLOCK_TOLERANCE) {
    throw new JwtConfigError(`${VARIABLES.clockTolerance} must be whole seconds from 0 to ${MAX_CLOCK_TOLERANCE}, such as ${DEFAULT_CLOCK_TOLERANCE}`);
  }
  return seconds;
}

function checkJwksUrl(value: string): void {
  // http is allowed for a local identity provider (Keycloak in docker, tests); production IdPs serve https anyway.
  let parsed: URL | undefined;
  try {
    parsed = new URL(value);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new JwtConfigError(`${VARIABLES.jwksUrl} must be an http(s) URL, such as ${EXAMPLE_JWKS_URL}`);
  }
}

/** The algorithms a public key can verify; jose would refuse any other pairing at import time anyway. */
function algorithmsForKey(key: KeyObject): readonly string[] {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
    case 'rsa-pss':
      return ['PS256', 'PS384', 'PS512'];
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      return curve === 'prime256v1' ? ['ES256'] : curve === 'secp384r1' ? ['ES384'] : curve === 'secp521r1' ? ['ES512'] : [];
    }
    case 'ed25519':
      return ['EdDSA'];
    default:
      return [];
  }
}

function parsePublicKeyPem(text: string, algorithms: readonly string[]): string {
  const example = 'the output of `openssl pkey -pubout`, newlines written as \\n';
  // Environment variables are one line, so a literal backslash-n stands for a newline.
  const pem = text.replace(/\\r\\n|\\n/g, '\n').replace(/\r\n/g, '\n').trim();
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    throw new JwtConfigError(`${VARIABLES.publicKey} holds a private key: give only the public half, ${example}`);
  }
  if (!pem.startsWith('-----BEGIN PUBLIC KEY-----')) {
    throw new JwtConfigError(`${VARIABLES.publicKey} must be an SPKI PEM starting -----BEGIN PUBLIC KEY-----, such as ${example}`);
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem', type: 'spki' });
  } catch {
    throw new JwtConfigError(`${VARIABLES.publicKey} is not a readable SPKI public key; use ${example}`);
  }
  const usable = algorithmsForKey(key);
  if (!algorithms.some((alg) => usable.includes(alg))) {
    const kind = usable.length === 0 ? 'an unsupported' : key.asymmetricKeyType === 'ec' ? 'an EC' : key.asymmetricKeyType === 'ed25519' ? 'an Ed25519' : 'an RSA';
    throw new JwtConfigError(
      `${VARIABLES.publicKey} is ${kind} key that no algorithm in ${VARIABLES.algorithms} can use; set ${VARIABLES.algorithms} to e.g. ${usable.length > 0 ? usable.join(',') : EXAMPLE_ALGORITHMS}`,
    );
  }
  return pem;
}

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
    throw new JwtConfigError(`Set exactly one of ${VARIABLES.jwksUrl} and ${VARIABLES.publicKey}, such as ${VARIABLES.jwksUrl}=${EXAMPLE_JWKS_URL}`);
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
