// Lists that come whole (GoodAccess, Checkmarx): one page and no page after it, for list reads and batch walks alike.
import type { Lookup } from './batch.js';
import { ProviderError, type OrganizationRecord, type Page, type PageRequest, type ProviderAdapter, type ProviderId } from './types.js';

/** The whole list as one page; its count is exact because nothing is left upstream. */
export function wholeList<T>(items: T[]): Page<T> {
  return { items, next: null, totalCount: items.length };
}

/** A whole list as a batch by id walks it: one call, so a single get pays only for one id (batch.ts). */
export function onePage<T>(load: () => Promise<T[]>): Pick<Lookup<T, never>, 'page' | 'pages'> {
  return { page: async () => ({ items: await load(), next: null }), pages: 1 };
}

/** A page token can only be one the adapter never handed out: refused before any call. */
export function assertFirstPage(provider: ProviderId, providerName: string, page: PageRequest): void {
  if (page.after != null) {
    throw new ProviderError(provider, 'INVALID', `${providerName} lists have a single page: there is no page after it`, { field: 'after' });
  }
}

/**
 * The organization reads of a provider whose credentials imply exactly one organization (a tenant, a server):
 * answered without a call, and any other id is NOT_FOUND in the provider's words.
 */
export function singleOrganization(
  organization: OrganizationRecord,
  providerName: string,
  notFound: (organizationId: string) => ProviderError,
): Pick<ProviderAdapter, 'listOrganizations' | 'getOrganizations'> {
  return {
    async listOrganizations(page) {
      assertFirstPage(organization.provider, providerName, page);
      return wholeList([organization]);
    },
    async getOrganizations(organizationIds) {
      return organizationIds.map((id) => (id === organization.id ? organization : notFound(id)));
    },
  };
}
