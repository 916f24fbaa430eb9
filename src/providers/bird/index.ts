// The Bird (Accounts API) adapter: one configured organization, its teams and their members, add and remove.
import { HttpClient, type HttpTuning } from '../http.js';
import {
  ProviderError,
  type Capabilities,
  type GroupRef,
  type MemberRef,
  type MemberRole,
  type OrganizationRecord,
  type PageRequest,
  type ProviderAdapter,
} from '../types.js';
import { PROVIDER, PROVIDER_NAME, MAX_PAGE_SIZE, assertUuid, errorMessage, idKey, idProblem, type BirdContext } from './context.js';
import { getGroups, listGroups } from './groups.js';
import { BIRD_ID_RULES } from './ids.js';
import { toOrganizationRecord } from './map.js';
import { getGroupMembers, listGroupMembers } from './members.js';
import { addMember, removeMember } from './writes.js';

export interface BirdAdapterConfig {
  /** `https://api.bird.com` (no version segment), or a sandbox URL. */
  baseUrl: string;
  /** Sent as `Authorization: AccessKey <key>`. */
  accessKey: string;
  /** Bird has no organization listing: the key's organization is configured. */
  organizationId: string;
  /** Shown as the organization's name; Bird's API does not serve it. */
  organizationName?: string;
  http?: HttpTuning;
}

export const BIRD_CAPABILITIES: Capabilities = {
  organizations: 'single',
  groupKind: 'team',
  hierarchy: false,
  organizationMembers: false,
  memberRoles: false,
  memberDetailsFromOrganization: false,
  pagination: 'cursor',
  maxPageSize: MAX_PAGE_SIZE,
  // Bird filters by one status server-side; a set of two is filtered by the adapter (see members.ts).
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
  },
  maxBulkSize: 1,
};

export function createBirdAdapter(config: BirdAdapterConfig): ProviderAdapter {
  assertUuid('organizationId', config.organizationId);
  if (config.accessKey === '') throw new ProviderError(PROVIDER, 'INVALID', 'Bird needs an access key', { field: 'accessKey' });
  const accessKey = config.accessKey;
  const http = new HttpClient({
    provider: PROVIDER,
    providerName: PROVIDER_NAME,
    baseUrl: config.baseUrl,
    ...config.http,
    authHeaders: () => ({ authorization: `AccessKey ${accessKey}` }),
    errorMessage,
    secrets: () => [accessKey],
  });
  const ctx: BirdContext = { http, organizationId: idKey(config.organizationId) };
  const organization = toOrganizationRecord(config.organizationId, config.organizationName ?? 'Bird organization');

  const unsupported = (): never => {
    throw new ProviderError(PROVIDER, 'UNSUPPORTED', "Bird's Accounts API has no organization member listing");
  };

  return {
    id: PROVIDER,
    name: PROVIDER_NAME,
    capabilities: BIRD_CAPABILITIES,
    ids: BIRD_ID_RULES,
    observe: (observer) => http.observe(observer),
    breakerState: () => http.breakerState,

    // The configured organization is the only one, served with no call.
    listOrganizations: async (_page: PageRequest) => ({ items: [organization], next: null, totalCount: 1 }),
    getOrganizations: async (organizationIds) =>
      organizationIds.map((id): OrganizationRecord | ProviderError => {
        const problem = idProblem(id, 'organizationId');
        if (problem) return problem;
        return idKey(id) === ctx.organizationId
          ? organization
          : new ProviderError(PROVIDER, 'NOT_FOUND', 'Organization not found: Bird is configured for one organization only', {
              field: 'organizationId',
            });
      }),

    listGroups: (organizationId, page) => listGroups(ctx, organizationId, page),
    getGroups: (organizationId, groupIds) => getGroups(ctx, organizationId, groupIds),
    listGroupMembers: (group, page, filter) => listGroupMembers(ctx, group, page, filter),
    getGroupMembers: (group, memberIds) => getGroupMembers(ctx, group, memberIds),
    listOrganizationMembers: async () => unsupported(),
    getOrganizationMembers: async () => unsupported(),

    addMember: (group: GroupRef, ref: MemberRef, role?: MemberRole) => addMember(ctx, group, ref, role),
    removeMember: (group: GroupRef, ref: MemberRef) => removeMember(ctx, group, ref),

    close: () => http.close(),
  };
}
