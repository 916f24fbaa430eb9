// Reads: the configured organization, its teams and their members, one page at a time or as batches by id.
import { invalidOf, readByIds } from '../batch.js';
import {
  ProviderError,
  type GroupRecord,
  type GroupRef,
  type MemberListFilter,
  type MemberRecord,
  type OrganizationRecord,
  type Page,
  type PageRequest,
} from '../types.js';
import { NotThere, PARENT_MISSING_HINTS, type BirdApi } from './api.js';
import { MAX_PAGE_SIZE } from './capabilities.js';
import { assertGroup, assertOrganization, assertUuid, idKey, organizationNotFound } from './ids.js';
import { birdStatusFor, toGroupRecord, toMemberRecord } from './map.js';
import { decodePageToken, encodePageToken, pageSize } from './page-token.js';
import type { TeamMemberWire, TeamWire } from './wire.js';

/** Bird's three member statuses: asking for all of them is no filter at all. */
const BIRD_STATUS_COUNT = 3;
/** Upstream pages one client-filtered adapter page may read before it hands back what it has. */
const MAX_FILTERED_FETCHES = 5;

/** The configured organization is the only one, served with no call; any other well-formed id is NOT_FOUND. */
export async function getOrganizations(
  api: BirdApi,
  organization: OrganizationRecord,
  ids: readonly string[],
): Promise<Array<OrganizationRecord | ProviderError>> {
  return ids.map((id) => invalidOf(() => assertUuid('organizationId', id)) ?? (idKey(id) === api.organizationId ? organization : organizationNotFound()));
}

/** Bird cannot filter teams by name: `capabilities.filters.groupName` is false and the resolvers filter. */
export async function listGroups(api: BirdApi, organizationId: string, page: PageRequest): Promise<Page<GroupRecord>> {
  assertOrganization(organizationId, api.organizationId);
  const point = decodePageToken(page.after);
  const { items, next } = await api.teamPage(point.t, pageSize(page.size));
  return {
    items: items.map((team) => toGroupRecord(api.organizationId, team)),
    next: next === null ? null : encodePageToken({ t: next, k: 0, l: null }),
    totalCount: null,
  };
}

/** Teams by id: a GET each for up to the kit's 3, else team list pages of 100 (a seeded organization has 8 teams: one call). */
export async function getGroups(api: BirdApi, organizationId: string, ids: readonly string[]): Promise<Array<GroupRecord | ProviderError>> {
  assertOrganization(organizationId, api.organizationId);
  return readByIds(ids, {
    check: (id) => assertUuid('groupId', id),
    key: idKey,
    page: (token) => api.teamPage(token, MAX_PAGE_SIZE),
    keysOf: (team) => [idKey(team.id)],
    get: (teamId) => getTeam(api, teamId),
    toRecord: (team) => toGroupRecord(api.organizationId, team),
    notFound: () => new ProviderError('BIRD', 'NOT_FOUND', 'Team not found', { field: 'groupId' }),
  });
}

/**
 * One team, or null when Bird answers 404: by its status, the team is not there. [infer] Only the sandbox's
 * `organization_not_found` hint makes one read of the organization's team list check it; a missing
 * organization then fails the batch.
 */
async function getTeam(api: BirdApi, teamId: string): Promise<TeamWire | null> {
  const team = await api.team(teamId);
  if (!(team instanceof NotThere)) return team;
  if (team.code === PARENT_MISSING_HINTS.organization) await api.teamPage(null, 1);
  return null;
}

/**
 * [infer] The status enum of the filter is not documented; the TeamMember statuses are assumed.
 * How a status filter is served. Bird's `status` parameter takes one value, so: no filter (or all three
 * statuses) sends none; one Bird status goes to the server; two are filtered here, over pages of 100;
 * statuses Bird never has (PENDING, BLOCKED, UNKNOWN) match nothing and cost no call.
 */
type StatusPlan = { kind: 'all' } | { kind: 'none' } | { kind: 'server'; status: string } | { kind: 'client'; statuses: Set<string> };

function planStatus(filter: MemberListFilter | undefined): StatusPlan {
  if (!filter?.status || filter.status.length === 0) return { kind: 'all' };
  const statuses = new Set(filter.status.map(birdStatusFor).filter((s): s is string => s !== null));
  if (statuses.size === 0) return { kind: 'none' };
  if (statuses.size === BIRD_STATUS_COUNT) return { kind: 'all' };
  if (statuses.size === 1) return { kind: 'server', status: [...statuses][0] as string };
  return { kind: 'client', statuses };
}

/** A member of `group`, under the team id lower-cased like the organization's: an id asked for in upper case gives the listing's ids. */
function memberOf(api: BirdApi, group: GroupRef, member: TeamMemberWire): MemberRecord {
  return toMemberRecord(api.organizationId, idKey(group.groupId), member);
}

export async function listGroupMembers(api: BirdApi, group: GroupRef, page: PageRequest, filter?: MemberListFilter): Promise<Page<MemberRecord>> {
  assertGroup(group, api.organizationId);
  let point = decodePageToken(page.after);
  const size = pageSize(page.size);
  const plan = planStatus(filter);
  if (plan.kind === 'none') return { items: [], next: null, totalCount: null };

  const serverStatus = plan.kind === 'server' ? plan.status : null;
  const matches = (member: TeamMemberWire): boolean => plan.kind !== 'client' || plan.statuses.has(member.status);
  const items: MemberRecord[] = [];
  // A resumed page must be fetched with the limit it was first fetched with, so the skip count still fits.
  let limit = point.l ?? (plan.kind === 'client' ? MAX_PAGE_SIZE : size);

  for (let fetches = 1; ; fetches++) {
    const upstream = await api.memberPage(group.groupId, point.t, limit, serverStatus);
    let index = point.k;
    for (; index < upstream.items.length && items.length < size; index++) {
      const member = upstream.items[index] as TeamMemberWire;
      if (matches(member)) items.push(memberOf(api, group, member));
    }
    const records = { items, totalCount: null };
    // Resume mid-page only if a match is left there, so a walk never ends on a needless empty page.
    const rest = upstream.items.slice(index);
    if (rest.some(matches)) {
      return { ...records, next: encodePageToken({ t: point.t, k: index, l: limit }) };
    }
    if (upstream.next === null) return { ...records, next: null };
    if (items.length >= size || plan.kind !== 'client' || fetches >= MAX_FILTERED_FETCHES) {
      return { ...records, next: encodePageToken({ t: upstream.next, k: 0, l: null }) };
    }
    point = { t: upstream.next, k: 0, l: null };
    limit = MAX_PAGE_SIZE;
  }
}

export async function getGroupMembers(api: BirdApi, group: GroupRef, ids: readonly string[]): Promise<Array<MemberRecord | ProviderError>> {
  assertGroup(group, api.organizationId);
  return readByIds(ids, {
    check: (id) => assertUuid('memberId', id),
    key: idKey,
    page: (token) => api.memberPage(group.groupId, token, MAX_PAGE_SIZE, null),
    keysOf: (member) => [idKey(member.id)],
    get: (userId) => getMember(api, group, userId),
    // Two, not the kit's three: a team's member ids come in batches from the gateway (nodes(ids:) groups them by
    // team), and three of them must cost one list call, not three GETs (test/gateway/call-counts.test.ts, "never
    // one per member"); a page of 100 holds most teams whole. Two GETs still go out together; one id stays one call.
    maxSingleGets: 2,
    toRecord: (member) => memberOf(api, group, member),
    notFound: () => new ProviderError('BIRD', 'NOT_FOUND', 'Not a member of this team', { field: 'memberId' }),
  });
}

/**
 * One member, or null when Bird answers 404: by its status, the user is not in the team, in one GET (a single
 * read stays one call: the gateway reads a member this way after every unknown outcome). [infer] Only a 404
 * carrying the sandbox's team- or organization-missing hint makes one read of the team check it; a missing
 * team then fails the batch. Without the hint (the real API) a missing team reads as members not found.
 */
async function getMember(api: BirdApi, group: GroupRef, userId: string): Promise<TeamMemberWire | null> {
  const member = await api.member(group.groupId, userId);
  if (!(member instanceof NotThere)) return member;
  if (member.code === PARENT_MISSING_HINTS.team || member.code === PARENT_MISSING_HINTS.organization) {
    const missing = await api.missingTeam(group.groupId);
    if (missing) throw missing;
  }
  return null;
}
