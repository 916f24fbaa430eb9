// GoodAccess's error envelope ({"message"}), its credentials, and the checks every write and id goes through.
import { SimError, type SimRequest, type SimResponse } from '../core/types.js';

export const READ_WRITE_TOKEN = 'sandbox-token';
export const READ_ONLY_TOKEN = 'sandbox-readonly-token';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function bearerToken(req: SimRequest): string | undefined {
  const header = req.headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  return /^Bearer\s+(\S+)\s*$/i.exec(value ?? '')?.[1];
}

export function authenticate(req: SimRequest): boolean {
  const token = bearerToken(req);
  return token === READ_WRITE_TOKEN || token === READ_ONLY_TOKEN;
}

/** Every error is `{"message": "..."}`; a 401 always says just "Unauthorized". [infer] */
export function errorResponse(status: number, message: string): SimResponse {
  return { status, body: { message: status === 401 ? 'Unauthorized' : message } };
}

/** Integrations have scopes; the read-only token's writes are refused before anything else is checked. [infer] */
export function requireWriteScope(req: SimRequest): void {
  if (bearerToken(req) === READ_ONLY_TOKEN) {
    throw new SimError(403, 'Forbidden: this API integration has a read-only scope');
  }
}

/** Ids are UUIDs; an id of any other shape simply matches nothing, so it is a 404 like an unknown one. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function memberNotFound(id: string): SimError {
  return new SimError(404, `Member with id ${id} was not found.`);
}

export function groupNotFound(id: string): SimError {
  return new SimError(404, `Group with id ${id} was not found.`);
}
