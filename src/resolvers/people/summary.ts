// What the organization member lists alone tell of a person (providers, name), with no group read: what Person fields and people pages cost.
import { ProviderError, type MemberRecord, type ProviderId } from '../../providers/types.js';
import { toGraphQLError } from '../errors.js';
import type { ReadContext } from '../read-context.js';
import { organizationIndex, organizationsOf, type EmailIndex } from './directory.js';
import { joinable, providersToRead } from './lookup.js';

/** A Person as the schema hands it to its fields: the normalised e-mail, which is all that names them. */
export interface PersonRecord {
  email: string;
}

/** One provider's organization-level members by e-mail, every organization merged; or the error that stopped its read. */
export type ProviderDirectory = { provider: ProviderId; index: EmailIndex } | { provider: ProviderId; failed: ProviderError };

/** A provider's directory: one walk of its organization list and of each organization's member list per request. */
export async function providerDirectory(ctx: ReadContext, provider: ProviderId): Promise<ProviderDirectory> {
  try {
    const organizations = await organizationsOf(ctx, provider);
    const indexes = await Promise.all(organizations.map((org) => organizationIndex(ctx, provider, org.id)));
    if (indexes.length === 1) return { provider, index: indexes[0] as EmailIndex };
    const merged = new Map<string, MemberRecord[]>();
    for (const index of indexes) for (const [email, records] of index) merged.set(email, [...(merged.get(email) ?? []), ...records]);
    return { provider, index: merged };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return { provider, failed: error };
  }
}

/** The directories of every joinable provider this gateway serves (or of `only`), in provider order. */
export function directories(ctx: ReadContext, only?: readonly ProviderId[] | null): Promise<ProviderDirectory[]> {
  return Promise.all(
    providersToRead(ctx, only)
      .filter((p) => joinable(ctx, p))
      .map((p) => providerDirectory(ctx, p)),
  );
}

/** The first provider failure as the GraphQL error a field throws (its code and provider), or nothing when all were read. */
export function throwIfFailed(parts: readonly ProviderDirectory[]): void {
  const failed = parts.find((part) => 'failed' in part);
  if (failed && 'failed' in failed) throw toGraphQLError(failed.failed);
}

/**
 * The providers that hold the person, in provider order (a group member is always an organization member there).
 * A provider that cannot be read fails it with its error: a list without it could be wrong.
 */
export async function personProviders(ctx: ReadContext, person: PersonRecord): Promise<ProviderId[]> {
  const parts = await directories(ctx);
  throwIfFailed(parts);
  return parts.flatMap((part) => ('index' in part && part.index.has(person.email) ? [part.provider] : []));
}

/**
 * The first name a provider shows for the person, in provider order; null where none has one. A provider that
 * cannot be read fails it only where it comes before the first name found (it might have had another).
 */
export async function personDisplayName(ctx: ReadContext, person: PersonRecord): Promise<string | null> {
  for (const part of await directories(ctx)) {
    if ('failed' in part) throw toGraphQLError(part.failed);
    const named = (part.index.get(person.email) ?? []).find((m) => m.displayName);
    if (named) return named.displayName;
  }
  return null;
}

/**
 * The person with this normalised e-mail if any provider holds it, else null; a provider that cannot be read
 * (and so might hold them) fails the lookup with its error instead of a wrong null.
 */
export async function personByEmail(ctx: ReadContext, email: string): Promise<PersonRecord | null> {
  const parts = await directories(ctx);
  if (parts.some((part) => 'index' in part && part.index.has(email))) return { email };
  throwIfFailed(parts);
  return null;
}
