// The GitBook adapter: organizations, teams and their members over GitBook's REST API v1, with native bulk writes.
import { HttpClient, type HttpTuning } from '../http.js';
import {
  type Capabilities,
  type GroupListFilter,
  type GroupRecord,
  type MemberRecord,
  type OrganizationRecord,
  type Page,
  type PageRequest,
  type ProviderAdapter,
} from '../types.js';
import { GitBookApi, type WirePage } from './api.js';
import { batchRead, getOrScan, scanFor } from './batch.js';
import { assertGroupRef, assertOrganizationId, assertTeamId, assertUserId, GITBOOK_ID_RULES } from './ids.js';
import { toGroup, toOrganization, toOrganizationMember, toTeamMember } from './map.js';
import { errorMessageOf } from './wire.js';
import { MAX_BULK_SIZE, TeamWrites } from './writes.js';

export interface GitBookAdapterConfig {
  /** Origin and base path, such as `https://api.gitbook.com/v1`. */
  baseUrl: string;
  /** A personal or integration token, sent as `Authorization: Bearer <token>`. */
  token: string;
  http?: HttpTuning;
}

const MAX_PAGE_SIZE = 1000;

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
  },
  maxBulkSize: MAX_BULK_SIZE,
};

/** The page size to ask for: PageRequest.size clamped to 1..1000. */
function limitOf(page: PageRequest): number {
  const size = Number.isFinite(page.size) ? Math.floor(page.size) : MAX_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, size));
}

/** The adapter's page token is GitBook's own `next.page` cursor, passed through untouched. */
function cursorOf(page: PageRequest): { after: string | null; limit: number } {
  return { after: page.after ? page.after : null, limit: limitOf(page) };
}

function toPage<W, R>(wire: WirePage<W>, map: (item: W) => R): Page<R> {
  return { items: wire.items.map(map), next: wire.next, totalCount: wire.count };
}

export function createGitBookAdapter(config: GitBookAdapterConfig): ProviderAdapter {
  if (!config.token) throw new Error('GitBook adapter: `token` is required (a GitBook API token)');
  const http = new HttpClient({
    provider: 'GITBOOK',
    providerName: 'GitBook',
    baseUrl: config.baseUrl,
    ...config.http,
    authHeaders: () => ({ authorization: `Bearer ${config.token}` }),
    errorMessage: (_status, body) => errorMessageOf(body),
    secrets: () => [config.token],
  });
  const api = new GitBookApi(http);
  const writes = new TeamWrites(api);
  const scanPage = { limit: MAX_PAGE_SIZE };

  return {
    id: 'GITBOOK',
    name: 'GitBook',
    capabilities: GITBOOK_CAPABILITIES,
    ids: GITBOOK_ID_RULES,
    observe: (observer) => http.observe(observer),
    breakerState: () => http.breakerState,
    close: () => http.close(),

    async listOrganizations(page) {
      return toPage(await api.listOrganizations(cursorOf(page)), toOrganization);
    },

    getOrganizations(organizationIds) {
      return batchRead<OrganizationRecord>(organizationIds, assertOrganizationId, 'organization', (ids) =>
        getOrScan(ids, {
          getOne: (id) => api.getOrganization(id),
          listPage: (after) => api.listOrganizations({ ...scanPage, after }),
          keyOf: (org) => org.id,
          toRecord: toOrganization,
        }),
      );
    },

    async listGroups(organizationId, page, filter?: GroupListFilter) {
      assertOrganizationId(organizationId);
      const title = filter?.name ? filter.name : undefined;
      return toPage(await api.listTeams(organizationId, cursorOf(page), title), (team) => toGroup(organizationId, team));
    },

    async getGroups(organizationId, groupIds) {
      assertOrganizationId(organizationId);
      return batchRead<GroupRecord>(groupIds, assertTeamId, 'team', (ids) =>
        getOrScan(ids, {
          getOne: (id) => api.getTeam(organizationId, id),
          listPage: (after) => api.listTeams(organizationId, { ...scanPage, after }),
          keyOf: (team) => team.id,
          toRecord: (team) => toGroup(organizationId, team),
        }),
      );
    },

    // GitBook's member lists take no filters; capabilities say so and the resolvers filter.
    async listGroupMembers(group, page) {
      assertGroupRef(group);
      const wire = await api.listTeamMembers(group.organizationId, group.groupId, cursorOf(page));
      return toPage(wire, (item) => toTeamMember(group.organizationId, group.groupId, item));
    },

    async getGroupMembers(group, memberIds) {
      assertGroupRef(group);
      return batchRead<MemberRecord>(memberIds, assertUserId, 'member of this team with id', async (ids) => {
        const found = await scanFor(
          new Set(ids),
          (after) => api.listTeamMembers(group.organizationId, group.groupId, { ...scanPage, after }),
          (item) => [item.organization.id],
        );
        return new Map([...found].map(([id, item]) => [id, toTeamMember(group.organizationId, group.groupId, item)]));
      });
    },

    async listOrganizationMembers(organizationId, page) {
      assertOrganizationId(organizationId);
      return toPage(await api.listMembers(organizationId, cursorOf(page)), (member) => toOrganizationMember(organizationId, member));
    },

    async getOrganizationMembers(organizationId, memberIds) {
      assertOrganizationId(organizationId);
      return batchRead<MemberRecord>(memberIds, assertUserId, 'organization member with id', (ids) =>
        getOrScan(ids, {
          getOne: (id) => api.getMember(organizationId, id),
          listPage: (after) => api.listMembers(organizationId, { ...scanPage, after }),
          keyOf: (member) => member.id,
          toRecord: (member) => toOrganizationMember(organizationId, member),
        }),
      );
    },

    addMember: async (group, ref, role) => (await writes.addMembers(group, [ref], role))[0]!,
    addMembers: (group, refs, role) => writes.addMembers(group, refs, role),
    removeMember: (group, ref) => writes.removeMember(group, ref),
    removeMembers: (group, refs) => writes.removeMembers(group, refs),
    setMemberRole: (group, memberId, role) => writes.setMemberRole(group, memberId, role),
  };
}
