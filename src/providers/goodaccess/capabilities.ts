// What the GoodAccess adapter can do, known without credentials: the profile and the adapter share it.
import type { Capabilities } from '../types.js';

export const GOODACCESS_CAPABILITIES: Capabilities = {
  organizations: 'single',
  groupKind: 'userGroup',
  hierarchy: false,
  organizationMembers: true,
  memberRoles: false,
  memberDetailsFromOrganization: false,
  pagination: 'none',
  // Every list comes whole; this is only the largest value a GraphQL Int can carry.
  maxPageSize: 2_147_483_647,
  filters: { status: false, emailContains: false, groupName: false },
  writes: {
    addMember: true,
    addMembersBulk: false,
    removeMember: true,
    removeMembersBulk: false,
    replaceMembers: false,
    setMemberRole: false,
    refsByEmail: false,
    createMember: true,
    updateMember: true,
    deleteMember: true,
    disconnectMember: true,
    // The one tenant has no membership apart from the member itself: deleteMember is the removal.
    removeOrganizationMember: false,
  },
  maxBulkSize: 1,
};
