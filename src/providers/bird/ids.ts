// Bird's ids in the provider contract: UUIDs in any case, under the field names the adapter's own checks use.
import type { IdRules } from '../types.js';
import { assertUuid } from './context.js';

export const BIRD_ID_RULES: IdRules = {
  organization: (id) => assertUuid('organizationId', id),
  group: (id) => assertUuid('groupId', id),
  member: (id) => assertUuid('memberId', id),
  // Team members are added by user id: a member is a user, under one id.
  user: (id) => assertUuid('memberId', id),
  ignoreCase: true,
  memberIdIsUserId: true,
};
