// Global ids as the gateway issues them (base64url of `<Type>:<JSON array of provider and path>`), read and written by hand.
import type { Provider } from './upstream.js';

export function globalId(type: 'Organization' | 'Team' | 'UserGroup' | 'Member', provider: Provider, ...path: string[]): string {
  return Buffer.from(`${type}:${JSON.stringify([provider, ...path])}`, 'utf8').toString('base64url');
}

/** A member's id in a group: organization, group, member. */
export const memberId = (provider: Provider, organizationId: string, groupId: string, member: string): string =>
  globalId('Member', provider, organizationId, groupId, member);

/** The provider and path of an id (the benchmark sends ids the gateway issued, so they are trusted here). */
export function pathOf(id: string): { type: string; provider: Provider; path: string[] } {
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  const [provider, ...path] = JSON.parse(text.slice(colon + 1)) as [Provider, ...string[]];
  return { type: text.slice(0, colon), provider, path };
}
