// What the GitBook adapter can do, known without credentials (with its page and bulk limits): the profile and the adapter share it.
import type { Capabilities } from '../types.js';

/** GitBook serves at most 1,000 items a page. */
export const MAX_PAGE_SIZE = 1000;

/** [infer] GitBook publishes no bound on `add`/`remove`; the adapter sends at most this many refs per call. */
export const MAX_BULK_SIZE = 1000;

export const GITBOOK_CAPABILITIES: Capabilities = {
  organizations: 'list',
  groupKind: 'team',
  hierarchy: false,
  organizationMembers: true,
  memberRoles: true,
  memberDetailsFromOrganization: false,
  pagination: 'cursor',
  maxPageSize: MAX_PAGE_SIZE,
  // The team list filters by title; member lists take no filters.
  filters: { status: false, emailContains: false, groupName: true },
  writes: {
    addMember: true,
    addMembersBulk: true,
    removeMember: true,
    removeMembersBulk: true,
    replaceMembers: false,
    setMemberRole: true,
    refsByEmail: true,
    createMember: false,
    updateMember: false,
    deleteMember: false,
    disconnectMember: false,
    // DELETE /orgs/{organizationId}/members/{userId}: 205 removed, 204 not a member, 202 a request to the admins.
    removeOrganizationMember: true,
  },
  maxBulkSize: MAX_BULK_SIZE,
};
