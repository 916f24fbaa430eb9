// The GoodAccess adapter: one tenant per token, user groups joined to members through Relations, no paging.
import { HttpClient, type HttpTuning } from '../http.js';
import { assertFirstPage as assertFirstPageOf, singleOrganization, wholeList } from '../unpaged.js';
import type { Capabilities, PageRequest, ProviderAdapter } from '../types.js';
import { assertTenant, assertUuid, batchIds, fillSlots, GOODACCESS_ID_RULES, tenantNotFound } from './ids.js';
import { tenantRecord, TENANT_ID } from './map.js';
import { fetchGroupMembers, fetchGroups, fetchMembers, findGroup, findMember } from './reads.js';
import { errorMessage } from './wire.js';
import * as writes from './writes.js';

export interface GoodAccessAdapterConfig {
  /** Origin and base path, such as `https://integration.goodaccess.com/api/v1`. */
  baseUrl: string;
  /** The integration token (Control Panel → Settings → API Integration). */
  token: string;
  /** The tenant's display name: the API has no endpoint that tells it. */
  organizationName?: string;
  http?: HttpTuning;
}

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
  },
  maxBulkSize: 1,
};

const assertFirstPage = (page: PageRequest): void => assertFirstPageOf('GOODACCESS', 'GoodAccess', page);

export function createGoodAccessAdapter(config: GoodAccessAdapterConfig): ProviderAdapter {
  const http = new HttpClient({
    provider: 'GOODACCESS',
    providerName: 'GoodAccess',
    baseUrl: config.baseUrl,
    ...config.http,
    authHeaders: () => ({ authorization: `Bearer ${config.token}` }),
    errorMessage,
    secrets: () => [config.token],
  });
  const tenant = tenantRecord(config.organizationName ?? 'GoodAccess tenant');

  return {
    id: 'GOODACCESS',
    name: 'GoodAccess',
    capabilities: GOODACCESS_CAPABILITIES,
    ids: GOODACCESS_ID_RULES,
    observe: (observer) => http.observe(observer),
    breakerState: () => http.breakerState,
    close: () => http.close(),

    // The tenant is known without a call: the API has no organization endpoint.
    ...singleOrganization(tenant, 'GoodAccess', tenantNotFound),

    async listGroups(organizationId, page) {
      assertTenant(organizationId);
      assertFirstPage(page);
      return wholeList(await fetchGroups(http));
    },
    /** One id: one get; two or more: the whole list once, which is cheaper than N gets. */
    async getGroups(organizationId, groupIds) {
      assertTenant(organizationId);
      const { slots, unique } = batchIds('group id', groupIds);
      const [only] = unique;
      const records = unique.length > 1 ? await fetchGroups(http) : only ? [await findGroup(http, only)] : [];
      return fillSlots('group id', slots, records, (group) => group.id);
    },

    async listGroupMembers(group, page) {
      assertTenant(group.organizationId);
      assertUuid('group id', group.groupId);
      assertFirstPage(page);
      return wholeList(await fetchGroupMembers(http, group.groupId.toLowerCase()));
    },
    /** One relation list call serves any number of ids. */
    async getGroupMembers(group, memberIds) {
      assertTenant(group.organizationId);
      assertUuid('group id', group.groupId);
      const { slots, unique } = batchIds('member id', memberIds);
      const records = unique.length > 0 ? await fetchGroupMembers(http, group.groupId.toLowerCase()) : [];
      return fillSlots('member id', slots, records, (member) => member.memberId);
    },

    async listOrganizationMembers(organizationId, page) {
      assertTenant(organizationId);
      assertFirstPage(page);
      return wholeList(await fetchMembers(http));
    },
    /** One id: one get (whose shape has no created_at); two or more: the whole list once. */
    async getOrganizationMembers(organizationId, memberIds) {
      assertTenant(organizationId);
      const { slots, unique } = batchIds('member id', memberIds);
      const [only] = unique;
      const records = unique.length > 1 ? await fetchMembers(http) : only ? [await findMember(http, only)] : [];
      return fillSlots('member id', slots, records, (member) => member.memberId);
    },

    addMember: (group, ref, role) => writes.addMember(http, group, ref, role),
    removeMember: (group, ref) => writes.removeMember(http, group, ref),
    createMember: (organizationId, input) => writes.createMember(http, organizationId, input),
    updateMember: (organizationId, memberId, input) => writes.updateMember(http, organizationId, memberId, input),
    deleteMember: (organizationId, memberId) => writes.deleteMember(http, organizationId, memberId),
    disconnectMember: (organizationId, memberId) => writes.disconnectMember(http, organizationId, memberId),
  };
}

export { TENANT_ID as GOODACCESS_TENANT_ID };
