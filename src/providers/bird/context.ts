// What every Bird operation shares: the HTTP client, the configured organization, id checks and 404 reading.
import type { HttpClient, HttpResponse } from '../http.js';
import { ProviderError } from '../types.js';
import { assertIdFormat } from '../validate.js';
import { ErrorWire, UUID_PATTERN } from './wire.js';

export const PROVIDER = 'BIRD' as const;
export const PROVIDER_NAME = 'Bird';
export const MAX_PAGE_SIZE = 100;
/** Most upstream calls in flight at once for one batch read. */
export const BATCH_CONCURRENCY = 8;

export interface BirdContext {
  http: HttpClient;
  /** The configured organization's id, lower-cased. */
  organizationId: string;
}

export function assertUuid(what: string, value: string): void {
  assertIdFormat(PROVIDER, what, value, UUID_PATTERN, 'a UUID');
}

/** UUIDs compare without regard to case. */
export const idKey = (id: string): string => id.toLowerCase();

/**
 * [infer] Checks an organization id: a UUID, and the configured one. An access key belongs to one organization,
 * so any other id is NOT_FOUND without a call.
 */
export function assertOrganization(ctx: BirdContext, organizationId: string): void {
  assertUuid('organizationId', organizationId);
  if (idKey(organizationId) !== ctx.organizationId) {
    throw new ProviderError(PROVIDER, 'NOT_FOUND', 'Organization not found: Bird is configured for one organization only', {
      field: 'organizationId',
    });
  }
}

/**
 * [infer] The sandbox's 404 codes that say a parent is missing. Bird documents the error body `{code, message}`
 * but no code values, so no outcome rests on them: a 404 is read by its status, and one of these only makes a
 * read of the parent check it (a real Bird 404 without them reads as "not there").
 */
export const PARENT_MISSING_HINTS = {
  team: 'team_not_found',
  organization: 'organization_not_found',
} as const;

/** Bird's error code from an accepted error response, or null when the body is not Bird's envelope. */
export function errorCode(response: HttpResponse): string | null {
  const parsed = ErrorWire.safeParse(response.body);
  return parsed.success ? parsed.data.code : null;
}

/** The human text of Bird's error body, for HttpClient messages. */
export function errorMessage(_status: number, body: unknown): string | undefined {
  const parsed = ErrorWire.safeParse(body);
  return parsed.success ? `${parsed.data.message} (${parsed.data.code})` : undefined;
}

/** The NOT_FOUND for a 404 the adapter accepted and then found to mean a missing team or organization. */
export function notFoundError(method: string, response: HttpResponse): ProviderError {
  const parsed = ErrorWire.safeParse(response.body);
  const detail = parsed.success ? `: ${parsed.data.message} (${parsed.data.code})` : '';
  const route = `${method} ${response.route}`;
  return new ProviderError(PROVIDER, 'NOT_FOUND', `${PROVIDER_NAME} answered 404${detail} (${route})`, {
    status: 404,
    route,
  });
}

/** Runs `task` over `items` with at most `limit` in flight; results in input order. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The distinct well-formed ids, lower-cased. */
export function uniqueValidIds(ids: readonly string[], what: string): Set<string> {
  return new Set(ids.filter((id) => idProblem(id, what) === null).map(idKey));
}

/** A malformed id in a batch is that entry's INVALID error; the other ids still go ahead. */
export function idProblem(id: string, what: string): ProviderError | null {
  try {
    assertUuid(what, id);
    return null;
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
}
