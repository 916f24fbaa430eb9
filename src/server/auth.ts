// Who is calling: an API key from `Authorization: Bearer <key>`, mapped to its name and scopes.
import { timingSafeEqual } from 'node:crypto';
import type { ApiKey } from '../config.js';
import type { Caller } from '../resolvers/context.js';

/** The key GraphiQL sends in sandbox mode when no keys are configured (SCHEMA.md). */
export const SANDBOX_KEY: ApiKey = { name: 'sandbox', key: 'sandbox', scopes: new Set(['read', 'write', 'trace']) };

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The caller, or null when the header is missing or names no key (compared in constant time). */
export function callerFrom(authorization: string | null, keys: readonly ApiKey[]): Caller | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) return null;
  const presented = match[1];
  const found = keys.find((k) => same(k.key, presented));
  return found ? { name: found.name, scopes: found.scopes } : null;
}
