// Reads: the tenant's groups, a group's members and the tenant's members, each list whole, and batches by id.
import { readByIds } from '../batch.js';
import { assertFirstPage as assertFirstPageOf, onePage, wholeList } from '../unpaged.js';
import type { GroupRecord, GroupRef, MemberRecord, Page, PageRequest, ProviderError } from '../types.js';
import type { GoodAccessApi } from './api.js';
import type { ListMember } from './wire.js';
import { assertTenant, assertUuid, notFound } from './ids.js';
import { groupFromWire, memberFromDetail, memberFromList } from './map.js';

const assertFirstPage = (page: PageRequest): void => assertFirstPageOf('GOODACCESS', 'GoodAccess', page);

/** UUIDs compare without regard to case: batches key them, and send them, in lower case. */
const lower = (id: string): string => id.toLowerCase();

async function groups(api: GoodAccessApi): Promise<GroupRecord[]> {
  return (await api.groups()).map(groupFromWire);
}

async function groupMembers(api: GoodAccessApi, groupId: string): Promise<MemberRecord[]> {
  return (await api.groupMembers(groupId)).map((item) => memberFromList(item, groupId));
}

async function members(api: GoodAccessApi): Promise<MemberRecord[]> {
  return (await api.members()).map((item) => memberFromList(item, null));
}

export async function listGroups(api: GoodAccessApi, organizationId: string, page: PageRequest): Promise<Page<GroupRecord>> {
  assertTenant(organizationId);
  assertFirstPage(page);
  return wholeList(await groups(api));
}

/** One id: one get; two or more: the whole list once, which is cheaper than N gets. */
export async function getGroups(api: GoodAccessApi, organizationId: string, ids: readonly string[]): Promise<Array<GroupRecord | ProviderError>> {
  assertTenant(organizationId);
  return readByIds(ids, {
    check: (id) => assertUuid('group id', id),
    key: lower,
    ...onePage(() => groups(api)),
    keysOf: (group) => [lower(group.id)],
    get: async (id) => {
      const group = await api.group(id);
      return group && groupFromWire(group);
    },
    toRecord: (group) => group,
    notFound: (id) => notFound('group id', lower(id)),
  });
}

export async function listGroupMembers(api: GoodAccessApi, group: GroupRef, page: PageRequest): Promise<Page<MemberRecord>> {
  assertTenant(group.organizationId);
  assertUuid('group id', group.groupId);
  assertFirstPage(page);
  return wholeList(await groupMembers(api, lower(group.groupId)));
}

/** A list item's key in a batch: its id in lower case, as the record's memberId is. */
const listMemberKeys = (item: ListMember): string[] => [lower(item.id)];

/**
 * The API has no read of one relation: one relation list call serves any number of ids, and only the members asked
 * for are mapped to records.
 */
export async function getGroupMembers(api: GoodAccessApi, group: GroupRef, ids: readonly string[]): Promise<Array<MemberRecord | ProviderError>> {
  assertTenant(group.organizationId);
  assertUuid('group id', group.groupId);
  const groupId = lower(group.groupId);
  return readByIds(ids, {
    check: (id) => assertUuid('member id', id),
    key: lower,
    ...onePage(() => api.groupMembers(groupId)),
    keysOf: listMemberKeys,
    toRecord: (item) => memberFromList(item, groupId),
    notFound: (id) => notFound('member id', lower(id)),
  });
}

export async function listOrganizationMembers(api: GoodAccessApi, organizationId: string, page: PageRequest): Promise<Page<MemberRecord>> {
  assertTenant(organizationId);
  assertFirstPage(page);
  return wholeList(await members(api));
}

/** One id: one get (whose shape has no created_at); two or more: the whole list once. */
export async function getOrganizationMembers(api: GoodAccessApi, organizationId: string, ids: readonly string[]): Promise<Array<MemberRecord | ProviderError>> {
  assertTenant(organizationId);
  return readByIds(ids, {
    check: (id) => assertUuid('member id', id),
    key: lower,
    ...onePage(() => members(api)),
    keysOf: (member) => [lower(member.memberId)],
    get: async (id) => {
      const member = await api.member(id);
      return member && memberFromDetail(member);
    },
    toRecord: (member) => member,
    notFound: (id) => notFound('member id', lower(id)),
  });
}
