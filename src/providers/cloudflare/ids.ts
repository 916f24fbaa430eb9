// Cloudflare ids are 32 lowercase hex characters: checked before any call, so an id can never become a path.
import { ProviderError, type IdRules } from '../types.js';
import { assertIdFormat } from '../validate.js';

/** Account, user group, member and user ids alike. */
export const HEX_ID = /^[0-9a-f]{32}$/;

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

export function notFoundError(what: string, id: string): ProviderError {
  return new ProviderError('CLOUDFLARE', 'NOT_FOUND', `Cloudflare has no ${what} ${id}`);
}
