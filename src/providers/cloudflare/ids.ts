// Cloudflare ids are 32 lowercase hex characters: checked before any call, so an id can never become a path.
import { ProviderError, type IdRules } from '../types.js';
import { assertIdFormat } from '../validate.js';
import { HEX_ID } from './wire.js';

const EXPECTED = '32 lowercase hexadecimal characters';

export function assertHexId(what: string, value: string): void {
  assertIdFormat('CLOUDFLARE', what, value, HEX_ID, EXPECTED);
}

/** Cloudflare's ids in the provider contract: hex; group endpoints take account member ids, which are not user ids. */
export const CLOUDFLARE_ID_RULES: IdRules = {
  organization: (id) => assertHexId('account id', id),
  group: (id) => assertHexId('user group id', id),
  member: (id) => assertHexId('member id', id),
  user: (id) => assertHexId('user id', id),
  ignoreCase: true,
  memberIdIsUserId: false,
};

/** For batch reads: INVALID for this id alone, so one bad id never fails the batch. */
export function invalidIdError(what: string, value: string): ProviderError | null {
  try {
    assertHexId(what, value);
    return null;
  } catch (error) {
    return error as ProviderError;
  }
}

export function notFoundError(what: string, id: string): ProviderError {
  return new ProviderError('CLOUDFLARE', 'NOT_FOUND', `Cloudflare has no ${what} ${id}`);
}

/**
 * Answers a batch read: checks every id, fetches the distinct valid ones once, and gives one entry per input
 * id in order (the record, INVALID for a malformed id, NOT_FOUND for one the provider does not have).
 */
export async function batchRead<T>(
  what: string,
  ids: readonly string[],
  fetch: (validIds: string[]) => Promise<Map<string, T>>,
): Promise<Array<T | ProviderError>> {
  const invalid = new Map(ids.map((id) => [id, invalidIdError(what, id)] as const));
  const valid = [...new Set(ids.filter((id) => invalid.get(id) === null))];
  const found = valid.length > 0 ? await fetch(valid) : new Map<string, T>();
  return ids.map((id) => invalid.get(id) ?? found.get(id) ?? notFoundError(what, id));
}
