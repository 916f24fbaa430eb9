// The sandbox's fixed access keys, accepted as `AccessKey <key>` or `Bearer <key>`, and the read-only check.
import type { SimRequest } from '../core/types.js';
import { forbidden } from './errors.js';

export const READ_WRITE_KEY = 'sandbox-token';
export const READ_ONLY_KEY = 'sandbox-readonly-token';

/** The key in the Authorization header, whichever of Bird's two schemes carries it. */
function presentedKey(req: SimRequest): string | null {
  const header = req.headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  // The current spec's scheme is AccessKey; the older docs show a Bearer JWT, so both are accepted.
  // [infer] Scheme names match without regard to case, as HTTP auth schemes do (RFC 9110 11.1).
  const match = /^(AccessKey|Bearer)\s+(\S+)\s*$/i.exec(value ?? '');
  return match?.[2] ?? null;
}

export function authenticate(req: SimRequest): boolean {
  const key = presentedKey(req);
  return key === READ_WRITE_KEY || key === READ_ONLY_KEY;
}

/** Writes need the read-write key; the read-only one gets Bird's 403. [infer] Checked before any 404. */
export function requireWriteAccess(req: SimRequest): void {
  if (presentedKey(req) !== READ_WRITE_KEY) throw forbidden();
}
