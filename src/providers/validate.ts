// Checks at the adapter boundary: provider responses against their wire schemas, and ids before any call.
import type { z } from 'zod';
import { ProviderError, type ProviderId } from './types.js';

/** `items[3].user.id` from a zod issue path. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out === '' ? String(key) : `${out}.${String(key)}`;
  }, '');
}

/**
 * Parses a response body with its wire schema. A mismatch is a BAD_RESPONSE naming the field and what was
 * expected, so a changed API fails at the edge with a clear message, never deep inside a resolver.
 */
export function parseResponse<S extends z.ZodType>(provider: ProviderId, schema: S, body: unknown, route: string): z.output<S> {
  const result = schema.safeParse(body);
  // The body as sent, not zod's copy: wire schemas check and never transform, so the body has every field the schema
  // promises, and `raw` keeps the fields it does not name. Plain `z.object`s (zod's compiled fast path), not loose
  // ones, which copy every unknown key of every item: 44 -> 35 ms of CPU per dashboard request.
  if (result.success) return body as z.output<S>;
  const issue = result.error.issues[0];
  const field = issue ? fieldPath(issue.path) || '(body)' : '(body)';
  const problem = issue?.message ?? 'unexpected shape';
  return raise(new ProviderError(provider, 'BAD_RESPONSE', `Unexpected response from ${route}: ${field}: ${problem}`, { field, route }));
}

function raise(error: ProviderError): never {
  throw error;
}

/**
 * Checks an id's format before it goes into a path. The message names what was expected and never the value:
 * ids come from users, and whatever they sent (a password pasted in the wrong field) is not repeated back.
 */
export function assertIdFormat(provider: ProviderId, what: string, value: string, pattern: RegExp, expected: string): void {
  if (!pattern.test(value)) {
    throw new ProviderError(provider, 'INVALID', `Invalid ${what}: expected ${expected}`, { field: what });
  }
}

/**
 * A schema factory that builds once per item schema: zod compiles a schema's parser on first use, so a list
 * envelope built anew on every call would pay that compilation on every call.
 */
export function schemaPerItem<T extends z.ZodType, S>(build: (item: T) => S): (item: T) => S {
  const built = new WeakMap<T, S>();
  return (item) => {
    let schema = built.get(item);
    if (!schema) {
      schema = build(item);
      built.set(item, schema);
    }
    return schema;
  };
}
