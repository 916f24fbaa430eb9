// Team member reads: pages of a team's members (with Bird's one-value status filter) and members by id.
import { routePath } from '../route-path.js';
import type { GroupRef, MemberListFilter, MemberRecord, Page, PageRequest } from '../types.js';
import { ProviderError } from '../types.js';
import { parseResponse } from '../validate.js';
import {
  MAX_PAGE_SIZE,
  PARENT_MISSING_HINTS,
  PROVIDER,
  assertOrganization,
  assertUuid,
  errorCode,
  idKey,
  type BirdContext,
} from './context.js';
import { readBatch } from './batch-read.js';
import { missingTeam } from './groups.js';
import { birdStatusFor, toMemberRecord } from './map.js';
import { decodePageToken, encodePageToken, pageSize } from './page-token.js';
import { TeamMemberListWire, TeamMemberWire } from './wire.js';

export const MEMBERS = '/organizations/{organizationId}/teams/{teamId}/members';
export const MEMBER = '/organizations/{organizationId}/teams/{teamId}/members/{teamMemberId}';
/** Up to this many ids cost a GET each; more cost list pages of 100 until all are found. */
const MAX_SINGLE_GETS = 2;
/** Bird's three member statuses: asking for all of them is no filter at all. */
const BIRD_STATUS_COUNT = 3;
/** Upstream pages one client-filtered adapter page may read before it hands back what it has. */
const MAX_FILTERED_FETCHES = 5;

export function assertGroup(ctx: BirdContext, group: GroupRef): void {
  assertOrganization(ctx, group.organizationId);
  assertUuid('groupId', group.groupId);
}

/** A member of `group`, under the team id lower-cased like the organization's: an id asked for in upper case gives the listing's ids. */
function memberOf(ctx: BirdContext, group: GroupRef, member: TeamMemberWire): MemberRecord {
  return toMemberRecord(ctx.organizationId, idKey(group.groupId), member);
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

export async function listGroupMembers(
  ctx: BirdContext,
  group: GroupRef,
  page: PageRequest,
  filter?: MemberListFilter,
): Promise<Page<MemberRecord>> {
  assertGroup(ctx, group);
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
    const upstream = await fetchMemberPage(ctx, group.groupId, point.t, limit, serverStatus);
    let index = point.k;
    for (; index < upstream.results.length && items.length < size; index++) {
      const member = upstream.results[index] as TeamMemberWire;
      if (matches(member)) items.push(memberOf(ctx, group, member));
    }
    const records = { items, totalCount: null };
    // Resume mid-page only if a match is left there, so a walk never ends on a needless empty page.
    const rest = upstream.results.slice(index);
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

export async function getGroupMembers(
  ctx: BirdContext,
  group: GroupRef,
  memberIds: readonly string[],
): Promise<Array<MemberRecord | ProviderError>> {
  assertGroup(ctx, group);
  return readBatch(memberIds, {
    field: 'memberId',
    maxSingleGets: MAX_SINGLE_GETS,
    getOne: (userId) => getMember(ctx, group, userId),
    listPage: (token, size) => fetchMemberPage(ctx, group.groupId, token, size, null),
    wireId: (member) => member.id,
    recordId: (record) => record.memberId,
    toRecord: (member) => memberOf(ctx, group, member),
    notFoundMessage: 'Not a member of this team',
  });
}

/**
 * One member, or null when Bird answers 404: by its status, the user is not in the team, in one GET (a single
 * read stays one call: the gateway reads a member this way after every unknown outcome). [infer] Only a 404
 * carrying the sandbox's team- or organization-missing hint makes one read of the team check it; a missing
 * team then fails the batch. Without the hint (the real API) a missing team reads as members not found.
 */
async function getMember(ctx: BirdContext, group: GroupRef, userId: string): Promise<MemberRecord | null> {
  const response = await ctx.http.request({
    method: 'GET',
    path: routePath(MEMBER, { organizationId: ctx.organizationId, teamId: group.groupId, teamMemberId: userId }),
    idempotent: true,
    accept: [404],
  });
  if (response.status === 404) {
    const code = errorCode(response);
    if (code === PARENT_MISSING_HINTS.team || code === PARENT_MISSING_HINTS.organization) {
      const missing = await missingTeam(ctx, group.groupId);
      if (missing) throw missing;
    }
    return null;
  }
  const member = parseResponse(PROVIDER, TeamMemberWire, response.body, `GET ${MEMBER}`);
  return memberOf(ctx, group, member);
}

async function fetchMemberPage(
  ctx: BirdContext,
  teamId: string,
  pageToken: string | null,
  limit: number,
  status: string | null,
): Promise<{ results: TeamMemberWire[]; next: string | null }> {
  const response = await ctx.http.request({
    method: 'GET',
    path: routePath(MEMBERS, { organizationId: ctx.organizationId, teamId }),
    query: { limit, pageToken, status },
    idempotent: true,
  });
  const body = parseResponse(PROVIDER, TeamMemberListWire, response.body, `GET ${MEMBERS}`);
  return { results: body.results, next: body.nextPageToken ? body.nextPageToken : null };
}
