// GitBook's error envelope `{"error":{"code":<status>,"message":"..."}}` and the request checks that raise it.
import { SimError, type SimRequest, type SimResponse } from '../core/types.js';

export const RATE_LIMIT_MESSAGE = 'API rate limit exceeded. Please try again in 60 seconds';

export function errorResponse(status: number, message: string): SimResponse {
  // A 429 always carries the documented text, whoever raised it (the limiter or an injected fault).
  const text = status === 429 ? RATE_LIMIT_MESSAGE : message;
  return { status, body: { error: { code: status, message: text } } };
}

export const READ_WRITE_TOKEN = 'sandbox-token';
export const READ_ONLY_TOKEN = 'sandbox-readonly-token';

function bearerToken(req: SimRequest): string | undefined {
  const header = req.headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  const match = value === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(value);
  return match?.[1];
}

export function isKnownToken(req: SimRequest): boolean {
  const token = bearerToken(req);
  return token === READ_WRITE_TOKEN || token === READ_ONLY_TOKEN;
}

/** Writes need the `organization:members:write` scope, which the read-only token lacks. */
export function assertCanWrite(req: SimRequest): void {
  if (bearerToken(req) !== READ_WRITE_TOKEN) {
    throw new SimError(403, 'You do not have permission to perform this action: the token lacks the write scope');
  }
}

/** The JSON object body of a write; `optional` bodies may be empty. */
export function jsonObjectBody(req: SimRequest, optional = false): Record<string, unknown> {
  if (req.bodyText.trim() === '') {
    if (optional) return {};
    throw new SimError(400, 'A JSON request body is required');
  }
  const body = req.json();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new SimError(400, 'The request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}
