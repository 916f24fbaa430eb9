// Which fixed sandbox credential a request carries: an API token (Bearer) or the legacy e-mail + global key pair.
import type { SimRequest } from '../core/types.js';

export const WRITE_TOKEN = 'sandbox-token';
export const READONLY_TOKEN = 'sandbox-readonly-token';
/** A valid token with none of the permissions these endpoints accept (Account Settings Read/Write, SCIM). */
export const UNSCOPED_TOKEN = 'sandbox-unscoped-token';

export type Access = 'write' | 'read';

/**
 * What a request's credentials amount to: an access level; `unscoped` (a valid token without the permission:
 * 403 code 10000); `malformed` (an Authorization header that is not `Bearer <token>`: 400 code 6003); or null
 * when they are missing or unknown (401 code 10000).
 */
export type Credential = Access | 'unscoped' | 'malformed' | null;

/** [infer] What a well-formed API token looks like: real ones are 40 characters of this alphabet. */
const TOKEN = /^Bearer\s+([A-Za-z0-9_-]+)\s*$/i;

function header(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function credentialOf(req: SimRequest): Credential {
  const authorization = header(req, 'authorization');
  const bearer = authorization === undefined ? undefined : TOKEN.exec(authorization)?.[1];
  if (bearer === WRITE_TOKEN) return 'write';
  if (bearer === READONLY_TOKEN) return 'read';
  if (bearer === UNSCOPED_TOKEN) return 'unscoped';
  // The legacy pair: any e-mail with the global key; a global key always has full access.
  const email = header(req, 'x-auth-email');
  const key = header(req, 'x-auth-key');
  if (email?.includes('@') && key === WRITE_TOKEN) return 'write';
  // [observed] Cloudflare answers an Authorization header it cannot parse with 400 code 6003, not 401.
  if (authorization !== undefined && bearer === undefined) return 'malformed';
  return null;
}

/** The access a request's credentials grant, or null when they grant none. */
export function accessOf(req: SimRequest): Access | null {
  const credential = credentialOf(req);
  return credential === 'write' || credential === 'read' ? credential : null;
}
