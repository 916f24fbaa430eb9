// Reads: the team tree, a team's members, the server's users; each batch in the fewest calls the API allows.
import { ProviderError, type GroupRecord, type GroupListFilter, type MemberListFilter, type MemberRecord, type PageRequest } from '../types.js';
import type { CheckmarxApi } from './api.js';
import { assertFirstPage as assertFirstPageOf } from '../unpaged.js';
import { checkIdOrError, notFound } from './ids.js';
import { memberRecord, teamRecord } from './map.js';

export const assertFirstPage = (page: PageRequest): void => assertFirstPageOf('CHECKMARX', 'Checkmarx', page);

/** The API filters nothing, but the whole list is here anyway: filtering it now gives every caller the same answer. */
export function filterMembers(members: MemberRecord[], filter?: MemberListFilter): MemberRecord[] {
  const needle = filter?.emailContains?.toLowerCase();
  return members.filter(
    (m) =>
      (!filter?.status?.length || filter.status.includes(m.status)) &&
      (needle === undefined || (m.email ?? '').toLowerCase().includes(needle)),
  );
}

export function filterGroups(groups: GroupRecord[], filter?: GroupListFilter): GroupRecord[] {
  const needle = filter?.name?.toLowerCase();
  return needle === undefined ? groups : groups.filter((g) => g.name.toLowerCase().includes(needle));
}

/**
 * Answers a batch read per id, in order: INVALID for a malformed id, NOT_FOUND for one `load` did not find.
 * `load` runs once for the distinct well-formed ids, and not at all when there are none.
 */
export async function answerBatch<T>(
  what: string,
  ids: readonly string[],
  load: (distinct: number[]) => Promise<Map<number, T>>,
): Promise<Array<T | ProviderError>> {
  const checked = ids.map((id) => checkIdOrError(what, id));
  const distinct = [...new Set(checked.filter((id): id is number => typeof id === 'number'))];
  const found = distinct.length === 0 ? new Map<number, T>() : await load(distinct);
  return checked.map((id, i) => {
    if (id instanceof ProviderError) return id;
    return found.get(id) ?? notFound(what, ids[i] as string);
  });
}

/** Records by their numeric id, for answering a batch. */
export function byId<T>(records: T[], id: (record: T) => string): Map<number, T> {
  return new Map(records.map((record) => [Number(id(record)), record]));
}

export async function teams(api: CheckmarxApi): Promise<GroupRecord[]> {
  return (await api.teams()).map(({ item, raw }) => teamRecord(item, raw));
}

export async function teamMembers(api: CheckmarxApi, teamId: number): Promise<MemberRecord[]> {
  return (await api.teamUsers(teamId)).map(({ item, raw }) => memberRecord(item, raw, String(teamId)));
}

export async function serverUsers(api: CheckmarxApi): Promise<MemberRecord[]> {
  return (await api.users()).map(({ item, raw }) => memberRecord(item, raw, null));
}

/** One user by GET /auth/Users/{id}; several by one GET /auth/Users (cheaper than a get each). */
export async function usersById(api: CheckmarxApi, ids: number[]): Promise<Map<number, MemberRecord>> {
  if (ids.length === 1) {
    const id = ids[0] as number;
    try {
      const { item, raw } = await api.user(id);
      return new Map([[id, memberRecord(item, raw, null)]]);
    } catch (error) {
      if (error instanceof ProviderError && error.kind === 'NOT_FOUND') return new Map();
      throw error;
    }
  }
  return byId(await serverUsers(api), (m) => m.memberId);
}
