// Which fixed sandbox credential a request carries: an API token (Bearer) or the legacy e-mail + global key pair.
import type { SimRequest } from '../core/types.js';

export const WRITE_TOKEN = 'sandbox-token';
export const READONLY_TOKEN = 'sandbox-readonly-token';

export type Access = 'write' | 'read';

function header(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The access a request's credentials grant, or null when they are missing or unknown (a 401). */
export function accessOf(req: SimRequest): Access | null {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header(req, 'authorization') ?? '')?.[1];
  if (bearer === WRITE_TOKEN) return 'write';
  if (bearer === READONLY_TOKEN) return 'read';
  // The legacy pair: any e-mail with the global key; a global key always has full access.
  const email = header(req, 'x-auth-email');
  const key = header(req, 'x-auth-key');
  if (email !== undefined && email.includes('@') && key === WRITE_TOKEN) return 'write';
  return null;
}
