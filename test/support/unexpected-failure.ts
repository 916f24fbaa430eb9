// An adapter that fails in a way no provider error describes (a plain Error), switched on per test: how tests reach the masked-error path.
import type { ProviderAdapter, ProviderId } from '../../src/providers/types.js';

export const BOOM = 'boom at /secret/path';

export interface UnexpectedFailure {
  /** While on, GitBook's organization listing throws `new Error(BOOM)`. */
  set(on: boolean): void;
}

export function failGitBookListingOnDemand(adapters: ReadonlyMap<ProviderId, ProviderAdapter>): UnexpectedFailure {
  const gitbook = adapters.get('GITBOOK');
  if (!gitbook) throw new Error('the sandbox serves GitBook');
  let on = false;
  const listOrganizations = gitbook.listOrganizations.bind(gitbook);
  gitbook.listOrganizations = async (page) => {
    if (on) throw new Error(BOOM);
    return listOrganizations(page);
  };
  return { set: (value) => (on = value) };
}
