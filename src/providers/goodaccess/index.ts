// The GoodAccess adapter: one tenant per token, user groups joined to members through Relations, no paging.
import { HttpClient, type HttpTuning } from '../http.js';
import { singleOrganization } from '../unpaged.js';
import type { ProviderAdapter } from '../types.js';
import { GOODACCESS_CAPABILITIES } from './capabilities.js';
import { GoodAccessApi } from './api.js';
import { GOODACCESS_ID_RULES, tenantNotFound } from './ids.js';
import { tenantRecord } from './map.js';
import * as reads from './reads.js';
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
  const api = new GoodAccessApi(http);
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
    listGroups: (organizationId, page) => reads.listGroups(api, organizationId, page),
    getGroups: (organizationId, ids) => reads.getGroups(api, organizationId, ids),
    listGroupMembers: (group, page) => reads.listGroupMembers(api, group, page),
    getGroupMembers: (group, ids) => reads.getGroupMembers(api, group, ids),
    listOrganizationMembers: (organizationId, page) => reads.listOrganizationMembers(api, organizationId, page),
    getOrganizationMembers: (organizationId, ids) => reads.getOrganizationMembers(api, organizationId, ids),

    addMember: (group, ref, role) => writes.addMember(api, group, ref, role),
    removeMember: (group, ref) => writes.removeMember(api, group, ref),
    createMember: (organizationId, input) => writes.createMember(api, organizationId, input),
    updateMember: (organizationId, memberId, input) => writes.updateMember(api, organizationId, memberId, input),
    deleteMember: (organizationId, memberId) => writes.deleteMember(api, organizationId, memberId),
    disconnectMember: (organizationId, memberId) => writes.disconnectMember(api, organizationId, memberId),
  };
}
