// The Cloudflare adapter: accounts as organizations, IAM user groups, their members, and native member writes.
import { HttpClient, type HttpTuning } from '../http.js';
import type { MemberChange, ProviderAdapter } from '../types.js';
import { CloudflareApi } from './api.js';
import { CLOUDFLARE_CAPABILITIES } from './capabilities.js';
import { CLOUDFLARE_ID_RULES } from './ids.js';
import * as reads from './reads.js';
import { errorMessage } from './wire.js';
import * as writes from './writes.js';

export interface CloudflareAdapterConfig {
  /** Such as `https://api.cloudflare.com/client/v4`. */
  baseUrl: string;
  /** An API token, sent as `Authorization: Bearer`. */
  token: string;
  http?: HttpTuning;
}

export function createCloudflareAdapter(config: CloudflareAdapterConfig): ProviderAdapter {
  const basePath = new URL(config.baseUrl).pathname.replace(/\/+$/, '');
  const http = new HttpClient({
    provider: 'CLOUDFLARE',
    providerName: 'Cloudflare',
    baseUrl: config.baseUrl,
    ...config.http,
    authHeaders: () => ({ authorization: `Bearer ${config.token}` }),
    secrets: () => [config.token],
    // One token may reach several accounts: a write invalidates the cached reads of its account only.
    organizationParam: 'account_id',
    errorMessage,
  });
  const api = new CloudflareApi(http, basePath, config.token);

  return {
    id: 'CLOUDFLARE',
    name: 'Cloudflare',
    capabilities: CLOUDFLARE_CAPABILITIES,
    ids: CLOUDFLARE_ID_RULES,
    observe: (observer) => http.observe(observer),
    breakerState: () => http.breakerState,
    close: () => http.close(),

    listOrganizations: (page) => reads.listOrganizations(api, page),
    getOrganizations: (ids) => reads.getOrganizations(api, ids),
    listGroups: (organizationId, page, filter) => reads.listGroups(api, organizationId, page, filter),
    getGroups: (organizationId, ids) => reads.getGroups(api, organizationId, ids),
    listGroupMembers: (group, page, filter) => reads.listGroupMembers(api, group, page, filter),
    getGroupMembers: (group, ids) => reads.getGroupMembers(api, group, ids),
    listOrganizationMembers: (organizationId, page, filter) => reads.listOrganizationMembers(api, organizationId, page, filter),
    getOrganizationMembers: (organizationId, ids) => reads.getOrganizationMembers(api, organizationId, ids),

    addMember: async (group, ref) => (await writes.addMembers(api, group, [ref]))[0] as MemberChange,
    addMembers: (group, refs) => writes.addMembers(api, group, refs),
    replaceMembers: (group, refs, current) => writes.replaceMembers(api, group, refs, current),
    removeMember: (group, ref) => writes.removeMember(api, group, ref),
  };
}
