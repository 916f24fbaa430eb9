// What the Checkmarx adapter can do, known without credentials: the profile and the adapter share it.
import type { Capabilities } from '../types.js';

/** Lists come whole; this is only the largest value a GraphQL Int can carry. */
const WHOLE = 2_147_483_647;

export const CHECKMARX_CAPABILITIES: Capabilities = {
  organizations: 'single',
  groupKind: 'team',
  hierarchy: true,
  organizationMembers: true,
  memberRoles: false,
  memberDetailsFromOrganization: false,
  // GET /auth/Users gives each user's teamIds: one read answers every team's members.
  membersListGroups: true,
  pagination: 'none',
  maxPageSize: WHOLE,
  // Nothing is filtered by the server (the adapter filters the whole lists it gets).
  filters: { status: false, emailContains: false, groupName: false },
  writes: {
    addMember: true,
    addMembersBulk: false,
    removeMember: true,
    removeMembersBulk: false,
    replaceMembers: true,
    setMemberRole: false,
    refsByEmail: false,
    createMember: false,
    updateMember: false,
    deleteMember: false,
    disconnectMember: false,
    // DELETE /auth/Users/{id} [sdk]: the server is the organization, so its user is its membership.
    removeOrganizationMember: true,
  },
  // PUT /Teams/{teamId}/Users takes the whole list; no limit is documented.
  maxBulkSize: WHOLE,
};
