// The Bird (Accounts API) adapter: one configured organization, its teams and their members, add and remove.
import { HttpClient, type HttpTuning } from '../http.js';
import { ProviderError, type ProviderAdapter } from '../types.js';
import { BirdApi } from './api.js';
import { BIRD_CAPABILITIES } from './capabilities.js';
import { BIRD_ID_RULES, assertUuid, idKey } from './ids.js';
import { toOrganizationRecord } from './map.js';
import * as reads from './reads.js';
import { errorMessage } from './wire.js';
import * as writes from './writes.js';

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

export function createBirdAdapter(config: BirdAdapterConfig): ProviderAdapter {
  assertUuid('organizationId', config.organizationId);
  if (config.accessKey === '') throw new ProviderError('BIRD', 'INVALID', 'Bird needs an access key', { field: 'accessKey' });
  const accessKey = config.accessKey;
  const http = new HttpClient({
    provider: 'BIRD',
    providerName: 'Bird',
    baseUrl: config.baseUrl,
    ...config.http,
    authHeaders: () => ({ authorization: `AccessKey ${accessKey}` }),
    errorMessage,
    secrets: () => [accessKey],
  });
  const api = new BirdApi(http, idKey(config.organizationId));
  const organization = toOrganizationRecord(config.organizationId, config.organizationName ?? 'Bird organization');

  const unsupported = (): never => {
    throw new ProviderError('BIRD', 'UNSUPPORTED', "Bird's Accounts API has no organization member listing");
  };

  return {
    id: 'BIRD',
    name: 'Bird',
    capabilities: BIRD_CAPABILITIES,
    ids: BIRD_ID_RULES,
    observe: (observer) => http.observe(observer),
    breakerState: () => http.breakerState,
    close: () => http.close(),

    // The configured organization is the only one, served with no call.
    listOrganizations: async () => ({ items: [organization], next: null, totalCount: 1 }),
    getOrganizations: (ids) => reads.getOrganizations(api, organization, ids),
    listGroups: (organizationId, page) => reads.listGroups(api, organizationId, page),
    getGroups: (organizationId, ids) => reads.getGroups(api, organizationId, ids),
    listGroupMembers: (group, page, filter) => reads.listGroupMembers(api, group, page, filter),
    getGroupMembers: (group, ids) => reads.getGroupMembers(api, group, ids),
    listOrganizationMembers: async () => unsupported(),
    getOrganizationMembers: async () => unsupported(),

    addMember: (group, ref, role) => writes.addMember(api, group, ref, role),
    removeMember: (group, ref) => writes.removeMember(api, group, ref),
  };
}
