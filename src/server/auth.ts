// Who is calling: an API key (plain or configured as its SHA-256) or a verified JWT from `Authorization: Bearer`.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKey } from '../config.js';
import type { Caller } from '../resolvers/context.js';
import { SCOPES, type Scope } from '../scopes.js';
import { createJwtVerifier, isJwtShaped, type JwtSettings } from './jwt.js';

/**
 * The key GraphiQL sends in sandbox mode when no keys are configured (README, Querying). Without `federation`:
 * GraphiQL shows the client schema; a local router needs a configured key of its own.
 */
export const SANDBOX_KEY_TEXT = 'sandbox';
export const SANDBOX_KEY: ApiKey = {
  name: 'sandbox',
  sha256: createHash('sha256').update(SANDBOX_KEY_TEXT).digest('hex'),
  scopes: new Set(['read', 'write', 'trace']),
  persistedOnly: false,
};

/** Why a request has no caller: the words a client gets back (never the credential itself). */
export type AuthFailure =
  | 'missing'
  | 'malformed'
  | 'unknown-key'
  | 'expired'
  | 'not-yet-valid'
  | 'bad-signature'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'unknown-key-id'
  | 'algorithm-not-allowed'
  | 'jwks-unavailable';

export type AuthOutcome = { ok: true; caller: Caller } | { ok: false; failure: AuthFailure };

const KNOWN_SCOPES: ReadonlySet<string> = new Set<Scope>(SCOPES);

/** A credential longer than this is not one we issue or accept: refused before hashing or verifying it. */
const MAX_CREDENTIAL_LENGTH = 8192;

export interface Authenticator {
  authenticate(authorization: string | null): Promise<AuthOutcome>;
}

export function createAuthenticator(keys: readonly ApiKey[], jwt: JwtSettings | null, jwtPersistedOnly: boolean): Authenticator {
  const hashes = keys.map((key) => ({ key, digest: Buffer.from(key.sha256, 'hex') }));
  const verify = jwt ? createJwtVerifier(jwt) : null;

  const byKey = (presented: string): Caller | null => {
    // Hash first, then compare digests of equal length in constant time: neither the key nor its length leaks.
    const digest = createHash('sha256').update(presented, 'utf8').digest();
    let found: ApiKey | null = null;
    for (const entry of hashes) if (timingSafeEqual(entry.digest, digest)) found = entry.key;
    return found && { name: found.name, scopes: found.scopes, via: 'api-key', persistedOnly: found.persistedOnly };
  };

  return {
    async authenticate(authorization) {
      if (authorization === null || authorization.trim() === '') return { ok: false, failure: 'missing' };
      const match = /^Bearer ([\x21-\x7e]+)$/i.exec(authorization.trim());
      if (!match?.[1] || match[1].length > MAX_CREDENTIAL_LENGTH) return { ok: false, failure: 'malformed' };
      const presented = match[1];
      const keyed = byKey(presented);
      if (keyed) return { ok: true, caller: keyed };
      if (!verify || !isJwtShaped(presented)) return { ok: false, failure: 'unknown-key' };
      const outcome = await verify(presented);
      if (!outcome.ok)
        return { ok: false, failure: outcome.reason === 'unknown-key' ? 'unknown-key-id' : outcome.reason === 'malformed' ? 'malformed' : outcome.reason };
      const scopes = new Set([...outcome.scopes].filter((scope): scope is Scope => KNOWN_SCOPES.has(scope)));
      return { ok: true, caller: { name: `jwt:${outcome.name}`.slice(0, 128), scopes, via: 'jwt', persistedOnly: jwtPersistedOnly } };
    },
  };
}

/** What a client is told for each failure: enough to fix its side, nothing about the server's keys. */
export const FAILURE_MESSAGES: Readonly<Record<AuthFailure, string>> = {
  missing: 'Missing credentials: send Authorization: Bearer <API key or token>',
  malformed: 'Malformed Authorization header: send Authorization: Bearer <API key or token>',
  'unknown-key': 'Unknown API key or token',
  expired: 'The token has expired',
  'not-yet-valid': 'The token is not valid yet',
  'bad-signature': 'The token signature does not verify',
  'wrong-issuer': 'The token was issued by another issuer',
  'wrong-audience': 'The token is for another audience',
  'unknown-key-id': 'The token is signed by a key the issuer does not publish',
  'algorithm-not-allowed': 'The token uses a signing algorithm that is not allowed',
  'jwks-unavailable': "The issuer's signing keys cannot be fetched right now; try again",
};
