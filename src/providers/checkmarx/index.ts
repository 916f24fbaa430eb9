// The Checkmarx CxSAST adapter: one server as the organization, its team tree as groups, password-grant auth.
import { HttpClient, type HttpTuning } from '../http.js';
import type { ProviderAdapter } from '../types.js';
import { CheckmarxApi, V1_JSON } from './api.js';
import { CHECKMARX_CAPABILITIES } from './capabilities.js';
import { singleOrganization } from '../unpaged.js';
import { CHECKMARX_ID_RULES, notFound } from './ids.js';
import { serverRecord } from './map.js';
import * as reads from './reads.js';
import { DEFAULT_CLIENT_SECRET, PasswordGrant } from './token.js';
import { errorMessage } from './wire.js';
import * as writes from './writes.js';

export interface CheckmarxAdapterConfig {
  /** The server's REST base, including `/cxrestapi`: `https://cx.example.com/cxrestapi`. */
  baseUrl: string;
  /** A CxSAST user; writes need the "Manage Users" permission. */
  username: string;
  password: string;
  /** The resource-owner client's secret; CxSAST's publicly documented one when left out. */
  clientSecret?: string;
  /** The server's display name (the API has no organization object to read it from). */
  organizationName?: string;
  http?: HttpTuning;
}

export function createCheckmarxAdapter(config: CheckmarxAdapterConfig): ProviderAdapter {
  const basePath = new URL(config.baseUrl).pathname.replace(/\/+$/, '');
  const clientSecret = config.clientSecret ?? DEFAULT_CLIENT_SECRET;
  const grant = new PasswordGrant(() => http, { username: config.username, password: config.password, clientSecret }, basePath);
  const http: HttpClient = new HttpClient({
    provider: 'CHECKMARX',
    providerName: 'Checkmarx',
    baseUrl: config.baseUrl,
    ...config.http,
    authHeaders: async () => ({ authorization: `Bearer ${await grant.token()}` }),
    // cxOrigin tags our calls in CxSAST's audit trail (it says "other" without it).
    defaultHeaders: { accept: V1_JSON, cxorigin: 'teamgraph' },
    errorMessage,
    // The username is not a secret (and redacting `admin` would mangle every message that says "administrator").
    secrets: () => [config.password, clientSecret, ...grant.secrets()],
  });
  const api = new CheckmarxApi(http, grant, basePath);
  const server = serverRecord(config.organizationName ?? 'CxSAST server');

  return {
    id: 'CHECKMARX',
    name: 'Checkmarx',
    capabilities: CHECKMARX_CAPABILITIES,
    ids: CHECKMARX_ID_RULES,
    observe: (observer) => http.observe(observer),
    breakerState: () => http.breakerState,
    close: () => http.close(),

    // The server is known without a call.
    ...singleOrganization(server, 'Checkmarx', (id) => notFound('organization', id)),

    listGroups: (organizationId, page, filter) => reads.listGroups(api, organizationId, page, filter),
    getGroups: (organizationId, ids) => reads.getGroups(api, organizationId, ids),
    listGroupMembers: (group, page, filter) => reads.listGroupMembers(api, group, page, filter),
    getGroupMembers: (group, ids) => reads.getGroupMembers(api, group, ids),
    listOrganizationMembers: (organizationId, page, filter) => reads.listOrganizationMembers(api, organizationId, page, filter),
    getOrganizationMembers: (organizationId, ids) => reads.getOrganizationMembers(api, organizationId, ids),

    addMember: (group, ref) => writes.addMember(api, group, ref),
    removeMember: (group, ref) => writes.removeMember(api, group, ref),
    replaceMembers: (group, refs, current) => writes.replaceMembers(api, group, refs, current),
    removeOrganizationMember: (organizationId, memberId) => writes.removeOrganizationMember(api, organizationId, memberId),
  };
}
