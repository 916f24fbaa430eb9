// A person's memberships as a connection: the lookup's list, whole, with signed index cursors and an error edge per provider that failed.
import type { MemberRecord, ProviderError } from '../../providers/types.js';
import { connectionFromPages, type Connection, type ConnectionArgs } from '../connections.js';
import { surfaced } from '../errors.js';
import type { ReadContext } from '../read-context.js';
import { findPerson } from './lookup.js';
import type { PersonRecord } from './summary.js';

/** A membership edge, or the error of a provider that could not be read (it nulls that edge only). */
export type MembershipSlot = MemberRecord | { failed: ProviderError };

/**
 * The person's memberships in the lookup's order (provider, organization, its own members, then its groups'),
 * then one edge per provider that failed. The list is read whole (one walk of each member list per request)
 * and paged here: cursors are signed indexes into it, valid while the memberships are.
 */
export async function personMemberships(ctx: ReadContext, person: PersonRecord, args: ConnectionArgs): Promise<Connection<MembershipSlot>> {
  const found = await findPerson(ctx, person.email);
  const slots: MembershipSlot[] = [...(found?.memberships ?? []), ...(found?.failures ?? []).map((f) => ({ failed: f.error }))];
  return surfaced(
    connectionFromPages<MembershipSlot>(ctx.cursors, args, {
      key: JSON.stringify(['personMemberships', person.email]),
      fetch: async () => ({ items: slots, next: null, totalCount: slots.length }),
      pageSize: () => 100,
      whole: true,
    }),
  );
}
