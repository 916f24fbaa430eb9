// Id and reference checks made before any call: GitBook's EntityId for organizations and teams, user ids, e-mails.
import { shownId } from '../batch.js';
import { assertIdFormat } from '../validate.js';
import { ProviderError, type GroupRef, type IdRules, type MemberRef } from '../types.js';

/** EntityId in the spec. */
const ENTITY_ID = /^[a-zA-Z0-9_-]+$/;
/** [infer] The spec gives user ids no pattern: non-empty, at most 128 characters, no `/`, not `.` or `..`. */
const USER_ID = /^(?!\.\.?$)[^/]{1,128}$/;
const EMAIL = /^[^\s@/]+@[^\s@/]+$/;

export function assertOrganizationId(id: string): void {
  assertIdFormat('GITBOOK', 'organizationId', id, ENTITY_ID, 'letters, digits, "_" or "-"');
}

export function assertTeamId(id: string): void {
  assertIdFormat('GITBOOK', 'teamId', id, ENTITY_ID, 'letters, digits, "_" or "-"');
}

export function assertUserId(id: string): void {
  assertIdFormat('GITBOOK', 'userId', id, USER_ID, 'a user id of 1 to 128 characters without "/" (not "." or "..")');
}

/** GitBook's ids in the provider contract: opaque, compared exactly; a team member is a user, under one id. */
export const GITBOOK_ID_RULES: IdRules = {
  organization: assertOrganizationId,
  group: assertTeamId,
  member: assertUserId,
  user: assertUserId,
  ignoreCase: false,
  memberIdIsUserId: true,
};

export function assertGroupRef(group: GroupRef): void {
  assertOrganizationId(group.organizationId);
  assertTeamId(group.groupId);
}

/** A write's reference: a user id, or an e-mail (the bulk call takes both). */
export function assertMemberRef(ref: MemberRef): void {
  if ('memberId' in ref) {
    assertUserId(ref.memberId);
    return;
  }
  if (typeof ref.email !== 'string' || ref.email.length > 254 || !EMAIL.test(ref.email)) {
    throw new ProviderError('GITBOOK', 'INVALID', 'Invalid email: expected an address such as ada@example.com', { field: 'email' });
  }
}

/** NOT_FOUND in GitBook's words, for an id a batch read found nowhere. */
export function notFound(what: string, id: string): ProviderError {
  return new ProviderError('GITBOOK', 'NOT_FOUND', `GitBook has no ${what} ${shownId(id)}`, { status: 404 });
}
