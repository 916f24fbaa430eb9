// Id checks before any call: Bird's ids are UUIDs in any case, and the only organization is the configured one.
import { ProviderError, type GroupRef, type IdRules } from '../types.js';
import { assertIdFormat } from '../validate.js';

/** Bird ids are UUIDs (`format: uuid`); any version is accepted, case-insensitively. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertUuid(what: string, value: string): void {
  assertIdFormat('BIRD', what, value, UUID_PATTERN, 'a UUID');
}

/** UUIDs compare without regard to case. */
export const idKey = (id: string): string => id.toLowerCase();

/** Bird's ids in the provider contract: UUIDs in any case, under the field names the adapter's own checks use. */
export const BIRD_ID_RULES: IdRules = {
  organization: (id) => assertUuid('organizationId', id),
  group: (id) => assertUuid('groupId', id),
  member: (id) => assertUuid('memberId', id),
  // Team members are added by user id: a member is a user, under one id.
  user: (id) => assertUuid('memberId', id),
  ignoreCase: true,
  memberIdIsUserId: true,
};

/** Any organization but the configured one: an access key belongs to one organization, so no call is needed to know. */
export function organizationNotFound(): ProviderError {
  return new ProviderError('BIRD', 'NOT_FOUND', 'Organization not found: Bird is configured for one organization only', {
    field: 'organizationId',
  });
}

/** [infer] Checks an organization id: a UUID, and the configured one (lower-cased); any other is NOT_FOUND without a call. */
export function assertOrganization(organizationId: string, configured: string): void {
  assertUuid('organizationId', organizationId);
  if (idKey(organizationId) !== configured) throw organizationNotFound();
}

export function assertGroup(group: GroupRef, configured: string): void {
  assertOrganization(group.organizationId, configured);
  assertUuid('groupId', group.groupId);
}
