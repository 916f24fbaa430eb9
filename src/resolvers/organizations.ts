// Organizations across providers as one connection: each provider's list read whole, a cursor naming the provider and the index in its list.
import { ProviderError, type OrganizationRecord, type ProviderId } from '../providers/types.js';
import { firstFrom, type Connection, type ConnectionArgs } from './connections.js';
import { listFingerprint } from './cursor.js';
import type { ReadContext } from './read-context.js';

/** An organization edge, or the error of a provider that could not list its organizations (it nulls that edge only). */
export type OrganizationSlot = OrganizationRecord | { failed: ProviderError };

/**
 * Organizations across providers, in provider order. Each provider's list is read whole (organizations are
 * few); a cursor names the provider and the index in its list, so a failing provider never shifts the others.
 */
export async function organizations(ctx: ReadContext, args: ConnectionArgs, only?: ProviderId | null): Promise<Connection<OrganizationSlot>> {
  const first = firstFrom(args);
  const providers = ctx.providers.filter((p) => !only || p === only);
  const fingerprint = listFingerprint(JSON.stringify(['organizations', only ?? null]));
  const after = args.after != null ? ctx.cursors.decodeIndex(args.after, fingerprint) : null;
  const startProvider = after ? after.provider : 0;
  const slots: Array<{ slot: OrganizationSlot; cursor: string }> = [];
  let total = 0;
  // Every provider's list at once: the field waits for the slowest provider, not for the sum of them.
  const lists = await Promise.all(
    providers.map(async (provider): Promise<OrganizationSlot[]> => {
      try {
        return await allOrganizations(ctx, provider);
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        return [{ failed: error }];
      }
    }),
  );
  for (const [index, items] of lists.entries()) {
    total += items.length;
    items.forEach((slot, i) => {
      const beyond = index > startProvider || (index === startProvider && (!after || i > after.index));
      if (beyond) slots.push({ slot, cursor: ctx.cursors.encodeIndex(fingerprint, { provider: index, index: i }) });
    });
  }
  const edges = slots.slice(0, first).map(({ slot, cursor }) => ({ node: slot, cursor }));
  return {
    edges,
    pageInfo: {
      hasNextPage: slots.length > first,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: total,
  };
}

async function allOrganizations(ctx: ReadContext, provider: ProviderId): Promise<OrganizationRecord[]> {
  const size = ctx.registry.adapter(provider).capabilities.maxPageSize;
  const items: OrganizationRecord[] = [];
  let token: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const page: { items: OrganizationRecord[]; next: string | null } = await ctx.loaders.page<OrganizationRecord>({
      provider,
      kind: 'organizations',
      token,
      size,
    });
    items.push(...page.items);
    if (page.next === null) break;
    token = page.next;
  }
  return items;
}
