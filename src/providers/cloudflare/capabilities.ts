// What the Cloudflare adapter can do, known without credentials (with its bulk limit): the profile and the adapter share it.
import type { Capabilities } from '../types.js';
import { GROUP_MEMBER_PAGES } from './paging.js';

/** [infer] The API states no limit on the bare array; the adapter sends at most this many ids in one call. */
export const MAX_BULK = 1000;

export const CLOUDFLARE_CAPABILITIES: Capabilities = {
  organizations: 'list',
  groupKind: 'userGroup',
  hierarchy: false,
  organizationMembers: true,
  memberRoles: false,
  memberDetailsFromOrganization: true,
  pagination: 'pageNumber',
  // Group members page up to 500; accounts, account members and user groups stop at 50 (served in smaller pages).
  maxPageSize: GROUP_MEMBER_PAGES.max,
  // emailContains: `fuzzyEmail` on group members (account members are filtered page by page in the adapter).
  filters: { status: false, emailContains: true, groupName: true },
  writes: {
    addMember: true,
    addMembersBulk: true,
    removeMember: true,
    removeMembersBulk: false,
    replaceMembers: true,
    setMemberRole: false,
    refsByEmail: false,
    createMember: false,
    updateMember: false,
    deleteMember: false,
    disconnectMember: false,
    // docs/providers/cloudflare.md documents only the account members' GET: no removal from the account.
    removeOrganizationMember: false,
  },
  maxBulkSize: MAX_BULK,
};
