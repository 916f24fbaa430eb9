// Pages for APIs that return every list whole (GoodAccess, Checkmarx): one page, and no page after it.
import { ProviderError, type Page, type PageRequest, type ProviderId } from './types.js';

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
