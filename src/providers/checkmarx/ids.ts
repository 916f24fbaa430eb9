// Id checks before any call: Checkmarx ids are positive decimal integers; the organization is `cxserver`.
import { shownId } from '../batch.js';
import { assertIdFormat } from '../validate.js';
import { ProviderError, type IdRules, type MemberRef } from '../types.js';

/** The one organization: a CxSAST server is a single tenant with no organization object. */
export const SERVER_ORG_ID = 'cxserver';

const DECIMAL = /^[1-9][0-9]{0,15}$/;

/** A positive safe integer, or INVALID before any call. */
export function checkId(what: string, value: string): number {
  assertIdFormat('CHECKMARX', what, value, DECIMAL, 'a positive decimal integer');
  const id = Number(value);
  if (!Number.isSafeInteger(id)) {
    throw new ProviderError('CHECKMARX', 'INVALID', `Invalid ${what} ${value}: larger than any Checkmarx id can be`, { field: what });
  }
  return id;
}

/** Checkmarx's ids in the provider contract: decimal numbers; a member is a user, under one id. */
export const CHECKMARX_ID_RULES: IdRules = {
  // The server is a name, not a format: any other organization id is NOT_FOUND, never malformed.
  organization() {},
  group: (id) => void checkId('groupId', id),
  member: (id) => void checkId('memberId', id),
  user: (id) => void checkId('memberId', id),
  ignoreCase: false,
  memberIdIsUserId: true,
};

export function notFound(what: string, id: string): ProviderError {
  return new ProviderError('CHECKMARX', 'NOT_FOUND', `Checkmarx has no ${what} ${shownId(id)}`, { field: what });
}

/** The server is the only organization; any other id names nothing (no call is needed to know). */
export function checkOrganization(organizationId: string): void {
  if (organizationId !== SERVER_ORG_ID) throw notFound('organization', organizationId);
}

/** Membership writes take user ids; the API has no e-mail lookup. */
export function refUserId(ref: MemberRef): number {
  if ('memberId' in ref) return checkId('memberId', ref.memberId);
  throw new ProviderError('CHECKMARX', 'UNSUPPORTED', 'Checkmarx membership writes take user ids, not e-mail addresses', {
    field: 'email',
  });
}
