// Reads: the team tree, a team's members, the server's users; each batch in the fewest calls the API allows.
import { readByIds } from '../batch.js';
import { assertFirstPage as assertFirstPageOf, onePage, wholeList } from '../unpaged.js';
import {
  ProviderError,
  type GroupListFilter,
  type GroupRecord,
  type GroupRef,
  type MemberListFilter,
  type MemberRecord,
  type Page,
  type PageRequest,
} from '../types.js';
import type { CheckmarxApi, Parsed } from './api.js';
import { checkId, checkOrganization, notFound } from './ids.js';
import { memberRecord, teamRecord } from './map.js';
import type { WireUser } from './wire.js';

const assertFirstPage = (page: PageRequest): void => assertFirstPageOf('CHECKMARX', 'Checkmarx', page);

/** The API filters nothing, but the whole list is here anyway: filtering it now gives every caller the same answer. */
function filterMembers(members: MemberRecord[], filter?: MemberListFilter): MemberRecord[] {
  const needle = filter?.emailContains?.toLowerCase();
  return members.filter(
    (m) => (!filter?.status?.length || filter.status.includes(m.status)) && (needle === undefined || (m.email ?? '').toLowerCase().includes(needle)),
  );
}

function filterGroups(groups: GroupRecord[], filter?: GroupListFilter): GroupRecord[] {
  const needle = filter?.name?.toLowerCase();
  return needle === undefined ? groups : groups.filter((g) => g.name.toLowerCase().includes(needle));
}

async function teams(api: CheckmarxApi): Promise<GroupRecord[]> {
  return (await api.teams()).map(({ item, raw }) => teamRecord(item, raw));
}

async function teamMembers(api: CheckmarxApi, teamId: number): Promise<MemberRecord[]> {
  return (await api.teamUsers(teamId)).map(({ item, raw }) => memberRecord(item, raw, String(teamId)));
}

async function serverUsers(api: CheckmarxApi): Promise<MemberRecord[]> {
  return (await api.users()).map(({ item, raw }) => memberRecord(item, raw, null));
}

/** One user by GET /auth/Users/{id}; null for a 404, which the batch answers NOT_FOUND in its own words. */
async function user(api: CheckmarxApi, userId: string): Promise<Parsed<WireUser> | null> {
  try {
    return await api.user(Number(userId));
  } catch (error) {
    if (error instanceof ProviderError && error.kind === 'NOT_FOUND') return null;
    throw error;
  }
}

/** Ids are checked as canonical decimals (no leading zero), so an id is its own key and a record's string id matches it. */
const checkWith = (what: string) => (id: string) => void checkId(what, id);

export async function listGroups(api: CheckmarxApi, organizationId: string, page: PageRequest, filter?: GroupListFilter): Promise<Page<GroupRecord>> {
  checkOrganization(organizationId);
  assertFirstPage(page);
  return wholeList(filterGroups(await teams(api), filter));
}

/** The API has no read of one team: one GET /auth/Teams serves any number of ids. */
export async function getGroups(api: CheckmarxApi, organizationId: string, ids: readonly string[]): Promise<Array<GroupRecord | ProviderError>> {
  checkOrganization(organizationId);
  return readByIds(ids, {
    check: checkWith('groupId'),
    ...onePage(() => teams(api)),
    keysOf: (team) => [team.id],
    toRecord: (team) => team,
    notFound: (id) => notFound('groupId', id),
  });
}

export async function listGroupMembers(api: CheckmarxApi, group: GroupRef, page: PageRequest, filter?: MemberListFilter): Promise<Page<MemberRecord>> {
  checkOrganization(group.organizationId);
  const teamId = checkId('groupId', group.groupId);
  assertFirstPage(page);
  return wholeList(filterMembers(await teamMembers(api, teamId), filter));
}

/** A user's key in a batch: its id as a string, as the ids asked for are (checked canonical). */
const userKeys = ({ item }: Parsed<WireUser>): string[] => [String(item.id)];

/**
 * One GET /auth/Teams/{teamId}/Users serves any number of ids. Only the users asked for are mapped to records: a
 * batch of four in a list of hundreds converted every user's dates for nothing.
 */
export async function getGroupMembers(api: CheckmarxApi, group: GroupRef, ids: readonly string[]): Promise<Array<MemberRecord | ProviderError>> {
  checkOrganization(group.organizationId);
  const teamId = checkId('groupId', group.groupId);
  return readByIds(ids, {
    check: checkWith('memberId'),
    ...onePage(() => api.teamUsers(teamId)),
    keysOf: userKeys,
    toRecord: ({ item, raw }) => memberRecord(item, raw, String(teamId)),
    notFound: (id) => notFound('memberId', id),
  });
}

export async function listOrganizationMembers(
  api: CheckmarxApi,
  organizationId: string,
  page: PageRequest,
  filter?: MemberListFilter,
): Promise<Page<MemberRecord>> {
  checkOrganization(organizationId);
  assertFirstPage(page);
  return wholeList(filterMembers(await serverUsers(api), filter));
}

/** One user by GET /auth/Users/{id}; several by one GET /auth/Users (cheaper than a get each), mapping only those asked for. */
export async function getOrganizationMembers(api: CheckmarxApi, organizationId: string, ids: readonly string[]): Promise<Array<MemberRecord | ProviderError>> {
  checkOrganization(organizationId);
  return readByIds(ids, {
    check: checkWith('memberId'),
    ...onePage(() => api.users()),
    keysOf: userKeys,
    get: (id) => user(api, id),
    toRecord: ({ item, raw }) => memberRecord(item, raw, null),
    notFound: (id) => notFound('memberId', id),
  });
}
