// Per-request indexes of the providers' member lists by e-mail: each list walked once per request, through the loaders' page cache.
import { ProviderError, type GroupRecord, type MemberRecord, type OrganizationRecord, type Page, type ProviderId } from '../../providers/types.js';
import type { Loaders } from '../loaders.js';
import type { ReadContext } from '../read-context.js';
import { personKeyOf } from './email.js';

/** One provider list, as the loaders' page cache keys it. */
interface ListRef {
  provider: ProviderId;
  kind: 'organizations' | 'groups' | 'groupMembers' | 'organizationMembers';
  organizationId?: string;
  groupId?: string;
}

/** Members by normalised e-mail; records without one (or with one that is no address) are in no entry: never joined by guesswork. */
export type EmailIndex = ReadonlyMap<string, readonly MemberRecord[]>;

/** Bounds one walk (50,000 members at Cloudflare's 50 a page), as the loaders bound theirs. */
const MAX_WALK_PAGES = 1000;

/**
 * The page of `list` at `token`, through `Loaders.page`, with the key's fields in the order every other reader of
 * the same list uses (the cache key is their JSON): a walk here shares its pages with the connections and the
 * member-detail lookups of the same request. The size is the provider's largest, so a walk costs the fewest calls.
 */
function pageOf<T>(ctx: ReadContext, list: ListRef, token: string | null): Promise<Page<T>> {
  const size = ctx.registry.capabilities(list.provider).maxPageSize;
  return ctx.loaders.page<T>({
    provider: list.provider,
    kind: list.kind,
    ...(list.organizationId !== undefined ? { organizationId: list.organizationId } : {}),
    ...(list.groupId !== undefined ? { groupId: list.groupId } : {}),
    token,
    size,
  });
}

/** Every item of a list, page after page (each page read once per request, however many walks ask). */
export async function walk<T>(ctx: ReadContext, list: ListRef): Promise<T[]> {
  const items: T[] = [];
  let token: string | null = null;
  for (let pages = 0; pages < MAX_WALK_PAGES; pages++) {
    const page: Page<T> = await pageOf<T>(ctx, list, token);
    items.push(...page.items);
    if (page.next === null) break;
    token = page.next;
  }
  return items;
}

/**
 * Indexes built from a walk, kept for the request. An index is valid while the pages it was built from are: it is
 * kept beside the identity of its list's first page, which `Loaders.forgetAll` (after a write) replaces, so an
 * index is rebuilt from fresh pages after a write and never outlives what it was built from.
 */
const indexes = new WeakMap<Loaders, Map<string, { first: unknown; value: Promise<unknown> }>>();

async function memoised<T>(ctx: ReadContext, name: string, first: ListRef, build: () => Promise<T>): Promise<T> {
  const page = await pageOf<unknown>(ctx, first, null);
  let byName = indexes.get(ctx.loaders);
  if (!byName) {
    byName = new Map();
    indexes.set(ctx.loaders, byName);
  }
  const kept = byName.get(name);
  if (kept && kept.first === page) return kept.value as Promise<T>;
  const value = build();
  byName.set(name, { first: page, value });
  return value;
}

function indexByEmail(records: readonly MemberRecord[]): EmailIndex {
  const index = new Map<string, MemberRecord[]>();
  for (const record of records) {
    const email = personKeyOf(record.email);
    if (email === null) continue;
    const list = index.get(email);
    if (list) list.push(record);
    else index.set(email, [record]);
  }
  return index;
}

/** A provider's organizations (one walk of its organization list; no call where the credentials imply one). */
export function organizationsOf(ctx: ReadContext, provider: ProviderId): Promise<OrganizationRecord[]> {
  return walk<OrganizationRecord>(ctx, { provider, kind: 'organizations' });
}

/** An organization's own members by e-mail: one walk of its member list per request. */
export function organizationIndex(ctx: ReadContext, provider: ProviderId, organizationId: string): Promise<EmailIndex> {
  const list: ListRef = { provider, kind: 'organizationMembers', organizationId };
  return memoised(ctx, JSON.stringify([provider, organizationId, 'members']), list, async () => indexByEmail(await walk<MemberRecord>(ctx, list)));
}

/**
 * The group-level members of an organization by e-mail, in the group list's order: one walk of its group list and
 * one walk of each group's member list per request, all groups at once.
 */
export function groupIndex(ctx: ReadContext, provider: ProviderId, organizationId: string): Promise<EmailIndex> {
  const groups: ListRef = { provider, kind: 'groups', organizationId };
  return memoised(ctx, JSON.stringify([provider, organizationId, 'groups']), groups, async () => {
    const all = await walk<GroupRecord>(ctx, groups);
    const members = await Promise.all(
      all.map((group) =>
        walk<MemberRecord>(ctx, { provider, kind: 'groupMembers', organizationId, groupId: group.id }).catch((error: unknown) => {
          // A group deleted since the group list was read has no members to report; any other failure is the provider's.
          if (error instanceof ProviderError && error.kind === 'NOT_FOUND') return [];
          throw error;
        }),
      ),
    );
    return indexByEmail(members.flat());
  });
}
