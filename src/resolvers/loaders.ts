// Per-request DataLoaders: each page and each record is read once per request, and gets are batched per container.
import DataLoader from 'dataloader';
import {
  ProviderError,
  type GroupListFilter,
  type GroupRecord,
  type IdRules,
  type MemberListFilter,
  type MemberRecord,
  type OrganizationRecord,
  type Page,
  type ProviderId,
} from '../providers/types.js';
import { DetailsDirectory, type Expected } from './details-directory.js';
import { invalidOf } from './errors.js';
import type { GroupKey, MemberKey, OrganizationKey } from './ids.js';
import type { ProviderRegistry } from './provider-registry.js';

export type { Adapters } from './provider-registry.js';

type ListKind = 'organizations' | 'groups' | 'groupMembers' | 'organizationMembers';

interface PageKey {
  provider: ProviderId;
  kind: ListKind;
  organizationId?: string;
  groupId?: string;
  token: string | null;
  size: number;
  filter?: MemberListFilter | GroupListFilter;
}

type Entry<T> = T | ProviderError;

/** Groups keys by a container string, so one upstream batch never mixes two providers or two containers. */
function byContainer<K>(keys: readonly K[], container: (key: K) => string): Map<string, Array<{ key: K; index: number }>> {
  const groups = new Map<string, Array<{ key: K; index: number }>>();
  keys.forEach((key, index) => {
    const name = container(key);
    const list = groups.get(name) ?? [];
    list.push({ key, index });
    groups.set(name, list);
  });
  return groups;
}

/** Runs each container's batch and puts every answer back in the position of its key. */
async function batched<K, T>(
  keys: readonly K[],
  container: (key: K) => string,
  load: (keys: K[]) => Promise<Array<Entry<T> | Error>>,
): Promise<Array<Entry<T> | Error>> {
  const out: Array<Entry<T> | Error> = new Array(keys.length);
  await Promise.all(
    [...byContainer(keys, container).values()].map(async (group) => {
      try {
        const answers = await load(group.map((g) => g.key));
        group.forEach((g, i) => {
          out[g.index] = answers[i] ?? new Error('batch answered fewer entries than asked');
        });
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const g of group) out[g.index] = failure;
      }
    }),
  );
  return out;
}

/**
 * Cache keys and batch containers as plain strings: built per key and per primed record (thousands a request),
 * so joined, not JSON-encoded. Organization and group ids never hold U+0001 (every provider's id rules refuse it),
 * so only a key's last part may, which leaves the key unambiguous. Page tokens come from adapters or signed cursors.
 */
const SEP = '\u0001';
const organizationKey = (k: { provider: ProviderId; organizationId: string }) => k.provider + SEP + k.organizationId;
const groupKey = (k: GroupKey) => organizationKey(k) + SEP + k.groupId;
const memberContainer = (k: MemberKey) => organizationKey(k) + SEP + (k.groupId ?? '');
// A group id is never empty (the id rules), so '' stands for the organization's own members.
const memberKey = (k: MemberKey) => memberContainer(k) + SEP + k.memberId;
const listedKey = (provider: ProviderId, m: MemberRecord) => provider + SEP + m.organizationId + SEP + (m.groupId ?? '') + SEP + m.memberId;
const pageKey = (k: PageKey) =>
  `${k.provider}${SEP}${k.kind}${SEP}${k.organizationId ?? ''}${SEP}${k.groupId ?? ''}${SEP}${k.token === null ? '' : `t${k.token}`}${SEP}${k.size}${SEP}${k.filter ? JSON.stringify(k.filter) : ''}`;

type IdKind = 'group' | 'member';

/**
 * Whole-list providers' gets are answered from the request's one list read, which skips the adapter's own id
 * checks; its contract's id rules are those checks, so a malformed id is still INVALID and costs no call.
 * Gives each id's error (or null), and whether any id is well formed enough to be worth the read.
 */
function checkedIds(ids: IdRules, kind: IdKind, values: readonly string[]): { invalid: Array<ProviderError | null>; anyValid: boolean } {
  const invalid = values.map((id) => invalidOf(() => ids[kind](id)));
  return { invalid, anyValid: invalid.some((error) => error === null) };
}

/** Whether a record's id is the one asked for, in the provider's terms (UUIDs match in any case). */
function sameId(ids: IdRules, recordId: string, asked: string): boolean {
  return ids.ignoreCase ? recordId.toLowerCase() === asked.toLowerCase() : recordId === asked;
}

export class Loaders {
  readonly pages: DataLoader<PageKey, Page<unknown>, string>;
  readonly organizations: DataLoader<OrganizationKey, OrganizationRecord, string>;
  readonly groups: DataLoader<GroupKey, GroupRecord, string>;
  /** Group members by (provider, organization, group, member); organization-level members when groupId is null. */
  readonly members: DataLoader<MemberKey, MemberRecord, string>;
  /**
   * Organization members looked up for the person details a group member record lacks (Cloudflare): found in
   * the organization's member list through the request's page cache (details-directory.ts), so however many
   * batches the request makes, together they read the list once.
   */
  readonly memberDetails: DataLoader<MemberKey, MemberRecord, string>;
  /**
   * Group members by id with their person details: where group member records lack them (Cloudflare) a GET
   * each, which carries them, instead of a list page and then the organization's list: one level, not two.
   * Elsewhere the same as `members`.
   */
  readonly membersWithDetails: DataLoader<MemberKey, MemberRecord, string>;
  /** Per organization (provider and id), the source of person details; see memberDetails. */
  private readonly directories = new Map<string, DetailsDirectory>();
  /**
   * The member records the request's list pages showed: a get of one of them costs no call. Kept as the pages'
   * lists and indexed by key only when a get first looks (most requests never do), rather than primed into
   * `members`: priming builds a key and a promise per record, for thousands of records a request.
   */
  private readonly listedPages: Array<{ provider: ProviderId; members: readonly MemberRecord[] }> = [];
  private readonly listed = new Map<string, MemberRecord>();

  constructor(private readonly registry: ProviderRegistry) {
    this.pages = new DataLoader<PageKey, Page<unknown>, string>(
      (keys) => Promise.all(keys.map((key) => this.readPage(key).catch((e: unknown) => toError(e)))),
      { cacheKeyFn: pageKey },
    );
    this.organizations = new DataLoader<OrganizationKey, OrganizationRecord, string>(
      (keys) =>
        batched(
          keys,
          (k) => k.provider,
          (group) => this.registry.adapter(group[0]!.provider).getOrganizations(group.map((k) => k.organizationId)),
        ),
      { cacheKeyFn: organizationKey },
    );
    this.groups = new DataLoader<GroupKey, GroupRecord, string>((keys) => batched(keys, organizationKey, (group) => this.readGroups(group)), {
      cacheKeyFn: groupKey,
    });
    this.members = new DataLoader<MemberKey, MemberRecord, string>((keys) => batched(keys, memberContainer, (group) => this.readMembers(group)), {
      cacheKeyFn: memberKey,
    });
    this.memberDetails = new DataLoader<MemberKey, MemberRecord, string>(
      (keys) =>
        batched(keys, organizationKey, (group) =>
          this.directory(group[0]!.provider, group[0]!.organizationId).find(
            group.map((k) => k.memberId),
            (id) => notFound(group[0]!.provider, 'member', id),
          ),
        ),
      { cacheKeyFn: memberKey },
    );
    this.membersWithDetails = new DataLoader<MemberKey, MemberRecord, string>(
      (keys) => batched(keys, memberContainer, (group) => this.readMembersWithDetails(group)),
      { cacheKeyFn: memberKey },
    );
  }

  /** The source of person details for one organization, made on first use for the request. */
  private directory(provider: ProviderId, organizationId: string): DetailsDirectory {
    const name = organizationKey({ provider, organizationId });
    let directory = this.directories.get(name);
    if (!directory) {
      const adapter = this.registry.adapter(provider);
      const size = adapter.capabilities.maxPageSize;
      directory = new DetailsDirectory({
        page: (token) => this.page<MemberRecord>({ provider, kind: 'organizationMembers', organizationId, token, size }),
        get: async (memberId) => (await adapter.getOrganizationMembers(organizationId, [memberId]))[0] ?? notFound(provider, 'member', memberId),
      });
      this.directories.set(name, directory);
    }
    return directory;
  }

  /**
   * Person details will be needed for these members of this organization's groups, or about this many (a members
   * connection asks for names): where group member records lack them, the organization's list starts now (see
   * details-directory.ts). A no-op elsewhere.
   */
  expectDetails(provider: ProviderId, organizationId: string, expected: Promise<Expected>): void {
    if (!this.registry.adapter(provider).capabilities.memberDetailsFromOrganization) return;
    this.directory(provider, organizationId).expect(expected);
  }

  private async readMembersWithDetails(keys: MemberKey[]): Promise<Array<Entry<MemberRecord> | Error>> {
    const { provider, organizationId, groupId } = keys[0]!;
    const adapter = this.registry.adapter(provider);
    if (groupId === null || !adapter.capabilities.memberDetailsFromOrganization) return this.members.loadMany(keys);
    const group = { organizationId, groupId };
    const answers = await Promise.all(
      keys.map(async (k) => (await adapter.getGroupMembers(group, [k.memberId]))[0] ?? notFound(provider, 'member', k.memberId)),
    );
    answers.forEach((answer, i) => {
      if (!(answer instanceof ProviderError)) this.listed.set(memberKey(keys[i]!), answer);
    });
    return answers;
  }

  /** One provider page, read once per request, its records primed into the get loaders. */
  async page<T>(key: PageKey): Promise<Page<T>> {
    const wholeList = this.registry.adapter(key.provider).capabilities.pagination === 'none';
    // Whole-list APIs ignore the size: one cache entry serves every size asked.
    const canonical = wholeList ? { ...key, size: 0 } : key;
    return (await this.pages.load(canonical)) as Page<T>;
  }

  /**
   * Forgets everything this request has read: after a write, later fields must not see the state from before.
   * DataLoader cannot clear by provider; clearing all costs at most a re-read of what the request had.
   */
  forgetAll(): void {
    this.pages.clearAll();
    this.organizations.clearAll();
    this.groups.clearAll();
    this.members.clearAll();
    this.memberDetails.clearAll();
    this.membersWithDetails.clearAll();
    this.directories.clear();
    this.listed.clear();
    this.listedPages.length = 0;
  }

  private async readPage(key: PageKey): Promise<Page<unknown>> {
    const adapter = this.registry.adapter(key.provider);
    const request = { after: key.token, size: key.size === 0 ? adapter.capabilities.maxPageSize : key.size };
    switch (key.kind) {
      case 'organizations': {
        const page = await adapter.listOrganizations(request);
        for (const org of page.items) this.organizations.prime({ provider: key.provider, organizationId: org.id }, org);
        return page;
      }
      case 'groups': {
        const page = await adapter.listGroups(key.organizationId ?? '', request, key.filter as GroupListFilter | undefined);
        for (const group of page.items) {
          this.groups.prime({ provider: key.provider, organizationId: group.organizationId, groupId: group.id }, group);
        }
        return page;
      }
      case 'groupMembers': {
        if (adapter.capabilities.membersListGroups) return this.groupMembersListed(key);
        const ref = { organizationId: key.organizationId ?? '', groupId: key.groupId ?? '' };
        const page = await adapter.listGroupMembers(ref, request, key.filter as MemberListFilter | undefined);
        this.primeMembers(key.provider, page.items);
        return page;
      }
      case 'organizationMembers': {
        const page = await adapter.listOrganizationMembers(key.organizationId ?? '', request, key.filter as MemberListFilter | undefined);
        this.primeMembers(key.provider, page.items);
        return page;
      }
    }
  }

  /**
   * A group's members from the organization's member list, which says each member's groups (Checkmarx): that one
   * list serves every group of the request. The group is checked against the request's group list (one read
   * for all groups, usually made already), so a missing group is NOT_FOUND as its own member read would say.
   */
  private async groupMembersListed(key: PageKey): Promise<Page<MemberRecord>> {
    const { provider } = key;
    const organizationId = key.organizationId ?? '';
    const groupId = key.groupId ?? '';
    const [members] = await Promise.all([this.organizationMembersListed(provider, organizationId), this.groups.load({ provider, organizationId, groupId })]);
    const items = inGroup(this.registry.adapter(provider).ids, members, groupId).filter((m) => matches(m, key.filter as MemberListFilter | undefined));
    this.primeMembers(provider, items);
    return { items, next: null, totalCount: items.length };
  }

  /** The organization's whole member list (providers whose list comes whole), read once per request. */
  private async organizationMembersListed(provider: ProviderId, organizationId: string): Promise<MemberRecord[]> {
    return (await this.page<MemberRecord>({ provider, kind: 'organizationMembers', organizationId, token: null, size: 0 })).items;
  }

  private primeMembers(provider: ProviderId, members: readonly MemberRecord[]): void {
    this.listedPages.push({ provider, members });
  }

  /** A member a list page showed; indexes the pages read since the last look first. */
  private listedMember(key: MemberKey): MemberRecord | undefined {
    for (const { provider, members } of this.listedPages.splice(0)) {
      // The first record under a key wins, as DataLoader's prime keeps the first value.
      for (const member of members) {
        const name = listedKey(provider, member);
        if (!this.listed.has(name)) this.listed.set(name, member);
      }
    }
    return this.listed.get(memberKey(key));
  }

  /** Whole-list APIs answer gets from the request's one list read; the others batch gets per organization. */
  private async readGroups(keys: GroupKey[]): Promise<Array<Entry<GroupRecord>>> {
    const { provider, organizationId } = keys[0]!;
    const adapter = this.registry.adapter(provider);
    if (adapter.capabilities.pagination === 'none') {
      const { invalid, anyValid } = checkedIds(
        adapter.ids,
        'group',
        keys.map((k) => k.groupId),
      );
      if (!anyValid) return invalid as ProviderError[];
      const page = await this.page<GroupRecord>({ provider, kind: 'groups', organizationId, token: null, size: 0 });
      const find = (id: string) => page.items.find((g) => sameId(adapter.ids, g.id, id));
      return keys.map((k, i) => invalid[i] ?? find(k.groupId) ?? notFound(provider, 'group', k.groupId));
    }
    return adapter.getGroups(
      organizationId,
      keys.map((k) => k.groupId),
    );
  }

  /** Members by id: those a list page of the request showed, then the others in one batch read. */
  private async readMembers(keys: MemberKey[]): Promise<Array<Entry<MemberRecord>>> {
    const answers: Array<Entry<MemberRecord> | undefined> = keys.map((k) => this.listedMember(k));
    const unlisted = keys.filter((_, i) => answers[i] === undefined);
    if (unlisted.length === 0) return answers as MemberRecord[];
    const read = await this.readUnlistedMembers(unlisted);
    let next = 0;
    return answers.map((answer) => answer ?? (read[next++] as Entry<MemberRecord>));
  }

  private async readUnlistedMembers(keys: MemberKey[]): Promise<Array<Entry<MemberRecord>>> {
    const { provider, organizationId, groupId } = keys[0]!;
    const adapter = this.registry.adapter(provider);
    const ids = keys.map((k) => k.memberId);
    if (adapter.capabilities.pagination === 'none') {
      const { invalid, anyValid } = checkedIds(adapter.ids, 'member', ids);
      if (!anyValid) return invalid as ProviderError[];
      // A member found in the organization's list with the group among its groups proves the group too: no group read.
      const listed = groupId !== null && adapter.capabilities.membersListGroups;
      const kind = groupId === null || listed ? 'organizationMembers' : 'groupMembers';
      const page = await this.page<MemberRecord>({
        provider,
        kind,
        organizationId,
        ...(kind === 'groupMembers' && groupId !== null ? { groupId } : {}),
        token: null,
        size: 0,
      });
      const items = listed ? inGroup(adapter.ids, page.items, groupId) : page.items;
      const find = (id: string) => items.find((m) => sameId(adapter.ids, m.memberId, id));
      return ids.map((id, i) => invalid[i] ?? find(id) ?? notFound(provider, 'member', id));
    }
    return groupId === null ? adapter.getOrganizationMembers(organizationId, ids) : adapter.getGroupMembers({ organizationId, groupId }, ids);
  }
}

/** The members of an organization's list in this group, as the group's own member list would give them. */
function inGroup(ids: IdRules, members: readonly MemberRecord[], groupId: string): MemberRecord[] {
  return members.filter((m) => m.groupIds?.some((id) => sameId(ids, id, groupId))).map((m) => ({ ...m, groupId }));
}

/** A server-side member filter applied to a list the provider gave whole. */
function matches(member: MemberRecord, filter: MemberListFilter | undefined): boolean {
  const needle = filter?.emailContains?.toLowerCase();
  return (!filter?.status?.length || filter.status.includes(member.status)) && (!needle || (member.email ?? '').toLowerCase().includes(needle));
}

function notFound(provider: ProviderId, what: string, id: string): ProviderError {
  return new ProviderError(provider, 'NOT_FOUND', `No ${what} with id ${JSON.stringify(id)}`);
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
