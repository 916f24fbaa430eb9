// Pages for APIs that return every list whole (GoodAccess, Checkmarx): one page, and no page after it.
import { ProviderError, type OrganizationRecord, type Page, type PageRequest, type ProviderAdapter, type ProviderId } from './types.js';

/** The whole list as one page; its count is exact because nothing is left upstream. */
export function wholeList<T>(items: T[]): Page<T> {
  return { items, next: null, totalCount: items.length };
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
