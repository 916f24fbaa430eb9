// What the Bird adapter can do, known without credentials (with its page size): the profile and the adapter share it.
import type { Capabilities } from '../types.js';

/** Bird serves at most 100 items a page. */
export const MAX_PAGE_SIZE = 100;

export const BIRD_CAPABILITIES: Capabilities = {
  organizations: 'single',
  groupKind: 'team',
  hierarchy: false,
  organizationMembers: false,
  memberRoles: false,
  memberDetailsFromOrganization: false,
  pagination: 'cursor',
  maxPageSize: MAX_PAGE_SIZE,
  // Bird filters by one status server-side; a set of two is filtered by the adapter (see reads.ts).
  filters: { status: true, emailContains: false, groupName: false },
  writes: {
    addMember: true,
    addMembersBulk: false,
    removeMember: true,
    removeMembersBulk: false,
    replaceMembers: false,
    setMemberRole: false,
    refsByEmail: false,
    createMember: false,
    updateMember: false,
    deleteMember: false,
    disconnectMember: false,
    // No organization-users endpoint is documented for Bird's Accounts API (docs/providers/bird.md).
    removeOrganizationMember: false,
  },
  maxBulkSize: 1,
};
