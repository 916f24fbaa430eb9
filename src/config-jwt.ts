// The TEAMGRAPH_JWT_* settings: where an issuer's keys are, which issuer, audience and algorithms, read and checked at start-up.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { read } from './config-security.js';

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

export const JWT_VARIABLES = {
  jwksUrl: 'TEAMGRAPH_JWT_JWKS_URL',
  publicKey: 'TEAMGRAPH_JWT_PUBLIC_KEY',
  issuer: 'TEAMGRAPH_JWT_ISSUER',
  audience: 'TEAMGRAPH_JWT_AUDIENCE',
  algorithms: 'TEAMGRAPH_JWT_ALGORITHMS',
  clockTolerance: 'TEAMGRAPH_JWT_CLOCK_TOLERANCE',
  scopesClaim: 'TEAMGRAPH_JWT_SCOPES_CLAIM',
  nameClaim: 'TEAMGRAPH_JWT_NAME_CLAIM',
} as const;

export const EXAMPLE_JWKS_URL = 'https://login.example.com/.well-known/jwks.json';
const EXAMPLE_ALGORITHMS = 'RS256,ES256';

type Env = Readonly<Record<string, string | undefined>>;

/*
 * Messages name the variable and show an example but never echo what was set: a URL can carry credentials, and a
 * value in the wrong variable may well be a secret pasted there by mistake.
 */
export function parseJwtSettings(env: Env): JwtSettings | null {
  const jwksUrl = read(env, JWT_VARIABLES.jwksUrl);
  const pemText = read(env, JWT_VARIABLES.publicKey);
  if (jwksUrl === undefined && pemText === undefined) {
    // Anything else set without a key source is half a configuration: stop rather than silently run without JWTs.
    const stray = Object.values(JWT_VARIABLES).filter((name) => read(env, name) !== undefined);
    if (stray.length > 0) {
      throw new JwtConfigError(
        `${stray.join(' and ')} ${stray.length === 1 ? 'is' : 'are'} set but no key source: set ${JWT_VARIABLES.jwksUrl} (such as ${EXAMPLE_JWKS_URL}) or ${JWT_VARIABLES.publicKey}, or unset ${stray.join(' and ')}`,
      );
    }
    return null;
  }
  if (jwksUrl !== undefined && pemText !== undefined) {
    throw new JwtConfigError(`Set only one of ${JWT_VARIABLES.jwksUrl} and ${JWT_VARIABLES.publicKey}, such as ${JWT_VARIABLES.jwksUrl}=${EXAMPLE_JWKS_URL}`);
  }
  const source = jwksUrl !== undefined ? JWT_VARIABLES.jwksUrl : JWT_VARIABLES.publicKey;

  const issuer = read(env, JWT_VARIABLES.issuer);
  if (issuer === undefined) {
    throw new JwtConfigError(`${JWT_VARIABLES.issuer} is required with ${source}, such as https://login.example.com/ (the token's iss, exactly)`);
  }
  const audience = read(env, JWT_VARIABLES.audience);
  if (audience === undefined) {
    throw new JwtConfigError(`${JWT_VARIABLES.audience} is required with ${source}, such as api://teamgraph (a value of the token's aud)`);
  }

  const algorithms = parseAlgorithms(read(env, JWT_VARIABLES.algorithms));
  const clockToleranceSeconds = parseClockTolerance(read(env, JWT_VARIABLES.clockTolerance));
  const scopesClaim = read(env, JWT_VARIABLES.scopesClaim) ?? 'scope';
  const nameClaim = read(env, JWT_VARIABLES.nameClaim) ?? 'sub';
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
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new JwtConfigError(`${JWT_VARIABLES.algorithms} must list at least one algorithm, such as ${EXAMPLE_ALGORITHMS}`);
  const chosen: string[] = [];
  entries.forEach((entry, index) => {
    if (entry.toLowerCase() === 'none') {
      throw new JwtConfigError(
        `${JWT_VARIABLES.algorithms} must not include none: unsigned tokens would let anyone claim any name and scopes; use signed ones such as ${EXAMPLE_ALGORITHMS}`,
      );
    }
    if (/^hs\d+$/i.test(entry)) {
      throw new JwtConfigError(
        `${JWT_VARIABLES.algorithms} must not include ${entry.toUpperCase()}: HMAC uses a symmetric key, so the configuration would hold a signing secret able to mint tokens; use asymmetric algorithms such as ${EXAMPLE_ALGORITHMS}`,
      );
    }
    // JOSE names are case-sensitive; accept any case in configuration and keep the canonical spelling.
    const known = JWT_ALGORITHMS.find((alg) => alg.toLowerCase() === entry.toLowerCase());
    if (known === undefined) {
      throw new JwtConfigError(
        `${JWT_VARIABLES.algorithms} entry ${index + 1} is not a supported algorithm; choose from ${JWT_ALGORITHMS.join(',')}, such as ${EXAMPLE_ALGORITHMS}`,
      );
    }
    if (!chosen.includes(known)) chosen.push(known);
  });
  return chosen;
}

function parseClockTolerance(text: string | undefined): number {
  if (text === undefined) return DEFAULT_CLOCK_TOLERANCE;
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || seconds > MAX_CLOCK_TOLERANCE) {
    throw new JwtConfigError(`${JWT_VARIABLES.clockTolerance} must be whole seconds from 0 to ${MAX_CLOCK_TOLERANCE}, such as ${DEFAULT_CLOCK_TOLERANCE}`);
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
    throw new JwtConfigError(`${JWT_VARIABLES.jwksUrl} must be an http(s) URL, such as ${EXAMPLE_JWKS_URL}`);
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
  const pem = text
    .replace(/\\r\\n|\\n/g, '\n')
    .replace(/\r\n/g, '\n')
    .trim();
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    throw new JwtConfigError(`${JWT_VARIABLES.publicKey} holds a private key: give only the public half, ${example}`);
  }
  if (!pem.startsWith('-----BEGIN PUBLIC KEY-----')) {
    throw new JwtConfigError(`${JWT_VARIABLES.publicKey} must be an SPKI PEM starting -----BEGIN PUBLIC KEY-----, such as ${example}`);
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem', type: 'spki' });
  } catch {
    throw new JwtConfigError(`${JWT_VARIABLES.publicKey} is not a readable SPKI public key; use ${example}`);
  }
  const usable = algorithmsForKey(key);
  if (!algorithms.some((alg) => usable.includes(alg))) {
    const kind =
      usable.length === 0 ? 'an unsupported' : key.asymmetricKeyType === 'ec' ? 'an EC' : key.asymmetricKeyType === 'ed25519' ? 'an Ed25519' : 'an RSA';
    throw new JwtConfigError(
      `${JWT_VARIABLES.publicKey} is ${kind} key that no algorithm in ${JWT_VARIABLES.algorithms} can use; set ${JWT_VARIABLES.algorithms} to e.g. ${usable.length > 0 ? usable.join(',') : EXAMPLE_ALGORITHMS}`,
    );
  }
  return pem;
}
