// Team reads: one page of an organization's teams, and teams by id (a GET each for a few, else the list).
import { routePath } from '../route-path.js';
import type { GroupRecord, Page, PageRequest } from '../types.js';
import { ProviderError } from '../types.js';
import { parseResponse } from '../validate.js';
import {
  PARENT_MISSING_HINTS,
  PROVIDER,
  assertOrganization,
  errorCode,
  notFoundError,
  type BirdContext,
} from './context.js';
import { readBatch } from './batch-read.js';
import { toGroupRecord } from './map.js';
import { decodePageToken, encodePageToken, pageSize } from './page-token.js';
import { TeamListWire, TeamWire } from './wire.js';

const TEAMS = '/organizations/{organizationId}/teams';
const TEAM = '/organizations/{organizationId}/teams/{teamId}';
/** Up to this many ids cost a GET each; more cost list pages of 100 (a seeded org has 8 teams: one call). */
const MAX_SINGLE_GETS = 3;

/** Bird cannot filter teams by name: `capabilities.filters.groupName` is false and the resolvers filter. */
export async function listGroups(ctx: BirdContext, organizationId: string, page: PageRequest): Promise<Page<GroupRecord>> {
  assertOrganization(ctx, organizationId);
  const point = decodePageToken(page.after);
  const { results, next } = await fetchTeamPage(ctx, point.t, pageSize(page.size));
  return {
    items: results.map((team) => toGroupRecord(ctx.organizationId, team)),
    next: next === null ? null : encodePageToken({ t: next, k: 0, l: null }),
    totalCount: null,
  };
}

export async function getGroups(
  ctx: BirdContext,
  organizationId: string,
  groupIds: readonly string[],
): Promise<Array<GroupRecord | ProviderError>> {
  assertOrganization(ctx, organizationId);
  return readBatch(groupIds, {
    field: 'groupId',
    maxSingleGets: MAX_SINGLE_GETS,
    getOne: (teamId) => getTeam(ctx, teamId),
    listPage: (token, size) => fetchTeamPage(ctx, token, size),
    wireId: (team) => team.id,
    recordId: (record) => record.id,
    toRecord: (team) => toGroupRecord(ctx.organizationId, team),
    notFoundMessage: 'Team not found',
  });
}

/**
 * One team, or null when Bird answers 404: by its status, the team is not there. [infer] Only the sandbox's
 * `organization_not_found` hint makes one read of the organization's team list check it; a missing
 * organization then fails the batch.
 */
async function getTeam(ctx: BirdContext, teamId: string): Promise<GroupRecord | null> {
  const response = await ctx.http.request({
    method: 'GET',
    path: routePath(TEAM, { organizationId: ctx.organizationId, teamId }),
    idempotent: true,
    accept: [404],
  });
  if (response.status === 404) {
    if (errorCode(response) === PARENT_MISSING_HINTS.organization) await fetchTeamPage(ctx, null, 1);
    return null;
  }
  return toGroupRecord(ctx.organizationId, parseResponse(PROVIDER, TeamWire, response.body, `GET ${TEAM}`));
}

/**
 * Reads the team to settle a 404 that could be about the team or about one of its members: null when the team
 * is there, else the NOT_FOUND of its own 404 (the team, or the organization, is missing).
 */
export async function missingTeam(ctx: BirdContext, teamId: string): Promise<ProviderError | null> {
  const response = await ctx.http.request({
    method: 'GET',
    path: routePath(TEAM, { organizationId: ctx.organizationId, teamId }),
    idempotent: true,
    accept: [404],
  });
  return response.status === 404 ? notFoundError('GET', response) : null;
}

async function fetchTeamPage(
  ctx: BirdContext,
  pageToken: string | null,
  limit: number,
): Promise<{ results: TeamWire[]; next: string | null }> {
  const response = await ctx.http.request({
    method: 'GET',
    path: routePath(TEAMS, { organizationId: ctx.organizationId }),
    query: { limit, pageToken },
    idempotent: true,
  });
  const body = parseResponse(PROVIDER, TeamListWire, response.body, `GET ${TEAMS}`);
  return { results: body.results, next: body.nextPageToken ? body.nextPageToken : null };
}
