// The GitBook adapter: organizations, teams and their members over GitBook's REST API v1, with native bulk writes.
import { HttpClient, type HttpTuning } from '../http.js';
import type { MemberChange, ProviderAdapter } from '../types.js';
import { GitBookApi } from './api.js';
import { GITBOOK_CAPABILITIES } from './capabilities.js';
import { GITBOOK_ID_RULES } from './ids.js';
import * as reads from './reads.js';
import { errorMessageOf } from './wire.js';
import * as writes from './writes.js';

export interface GitBookAdapterConfig {
  /** Origin and base path, such as `https://api.gitbook.com/v1`. */
  baseUrl: string;
  /** A personal or integration token, sent as `Authorization: Bearer <token>`. */
  token: string;
  http?: HttpTuning;
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
    // One token may reach several organizations: a write invalidates the cached reads of its organization only.
    organizationParam: 'organizationId',
  });
  const api = new GitBookApi(http);

  return {
    id: 'GITBOOK',
    name: 'GitBook',
    capabilities: GITBOOK_CAPABILITIES,
    ids: GITBOOK_ID_RULES,
    observe: (observer) => http.observe(observer),
    breakerState: () => http.breakerState,
    close: () => http.close(),

    listOrganizations: (page) => reads.listOrganizations(api, page),
    getOrganizations: (ids) => reads.getOrganizations(api, ids),
    listGroups: (organizationId, page, filter) => reads.listGroups(api, organizationId, page, filter),
    getGroups: (organizationId, ids) => reads.getGroups(api, organizationId, ids),
    listGroupMembers: (group, page) => reads.listGroupMembers(api, group, page),
    getGroupMembers: (group, ids) => reads.getGroupMembers(api, group, ids),
    listOrganizationMembers: (organizationId, page) => reads.listOrganizationMembers(api, organizationId, page),
    getOrganizationMembers: (organizationId, ids) => reads.getOrganizationMembers(api, organizationId, ids),

    addMember: async (group, ref, role) => (await writes.addMembers(api, group, [ref], role))[0] as MemberChange,
    addMembers: (group, refs, role) => writes.addMembers(api, group, refs, role),
    removeMember: (group, ref) => writes.removeMember(api, group, ref),
    removeMembers: (group, refs) => writes.removeMembers(api, group, refs),
    setMemberRole: (group, memberId, role) => writes.setMemberRole(api, group, memberId, role),
    removeOrganizationMember: (organizationId, memberId) => writes.removeOrganizationMember(api, organizationId, memberId),
  };
}
