// Bird's Accounts API calls, one method each: paths from templates, bodies validated, 404s handed back for the caller to settle.
import type { ListPage } from '../batch.js';
import type { HttpClient, HttpResponse } from '../http.js';
import { routePath } from '../route-path.js';
import { ProviderError } from '../types.js';
import { parseResponse } from '../validate.js';
import { ErrorWire, TeamListWire, TeamMemberAddedWire, TeamMemberListWire, TeamMemberWire, TeamWire } from './wire.js';

const TEAMS = '/organizations/{organizationId}/teams';
const TEAM = '/organizations/{organizationId}/teams/{teamId}';
const MEMBERS = '/organizations/{organizationId}/teams/{teamId}/members';
const MEMBER = '/organizations/{organizationId}/teams/{teamId}/members/{teamMemberId}';

/**
 * [infer] The sandbox's 404 codes that say a parent is missing. Bird documents the error body `{code, message}`
 * but no code values, so no outcome rests on them: a 404 is read by its status, and one of these only makes a
 * read of the parent check it (a real Bird 404 without them reads as "not there").
 */
export const PARENT_MISSING_HINTS = {
  team: 'team_not_found',
  organization: 'organization_not_found',
} as const;

/** A 404 the adapter accepted rather than failed on: Bird's error code (a hint at most) and the NOT_FOUND it names. */
export class NotThere {
  constructor(
    readonly code: string | null,
    readonly error: ProviderError,
  ) {}
}

/** Bird's error code and the NOT_FOUND of a 404 response. */
function notThere(method: string, response: HttpResponse): NotThere {
  const parsed = ErrorWire.safeParse(response.body);
  const detail = parsed.success ? `: ${parsed.data.message} (${parsed.data.code})` : '';
  const route = `${method} ${response.route}`;
  const error = new ProviderError('BIRD', 'NOT_FOUND', `Bird answered 404${detail} (${route})`, { status: 404, route });
  return new NotThere(parsed.success ? parsed.data.code : null, error);
}

/** The calls on the one organization an access key belongs to. */
export class BirdApi {
  constructor(
    private readonly http: HttpClient,
    /** The configured organization's id, lower-cased. */
    readonly organizationId: string,
  ) {}

  async teamPage(pageToken: string | null, limit: number): Promise<ListPage<TeamWire>> {
    const response = await this.http.request({
      method: 'GET',
      path: routePath(TEAMS, { organizationId: this.organizationId }),
      query: { limit, pageToken },
      idempotent: true,
    });
    const body = parseResponse('BIRD', TeamListWire, response.body, `GET ${TEAMS}`);
    return { items: body.results, next: body.nextPageToken ? body.nextPageToken : null };
  }

  async team(teamId: string): Promise<TeamWire | NotThere> {
    const response = await this.getTeam(teamId);
    if (response.status === 404) return notThere('GET', response);
    return parseResponse('BIRD', TeamWire, response.body, `GET ${TEAM}`);
  }

  /**
   * Reads the team to settle a 404 that could be about the team or about one of its members: null when the team
   * is there (only the status matters, so the body is not read), else the NOT_FOUND of its own 404.
   */
  async missingTeam(teamId: string): Promise<ProviderError | null> {
    const response = await this.getTeam(teamId);
    return response.status === 404 ? notThere('GET', response).error : null;
  }

  private getTeam(teamId: string): Promise<HttpResponse> {
    return this.http.request({
      method: 'GET',
      path: routePath(TEAM, { organizationId: this.organizationId, teamId }),
      idempotent: true,
      accept: [404],
    });
  }

  async memberPage(teamId: string, pageToken: string | null, limit: number, status: string | null): Promise<ListPage<TeamMemberWire>> {
    const response = await this.http.request({
      method: 'GET',
      path: routePath(MEMBERS, { organizationId: this.organizationId, teamId }),
      query: { limit, pageToken, status },
      idempotent: true,
    });
    const body = parseResponse('BIRD', TeamMemberListWire, response.body, `GET ${MEMBERS}`);
    return { items: body.results, next: body.nextPageToken ? body.nextPageToken : null };
  }

  async member(teamId: string, userId: string): Promise<TeamMemberWire | NotThere> {
    const response = await this.http.request({
      method: 'GET',
      path: routePath(MEMBER, { organizationId: this.organizationId, teamId, teamMemberId: userId }),
      idempotent: true,
      accept: [404],
    });
    if (response.status === 404) return notThere('GET', response);
    return parseResponse('BIRD', TeamMemberWire, response.body, `GET ${MEMBER}`);
  }

  /**
   * POST `{type: "user", id}`: true when added, false on a 409 (already a member). Not idempotent (a repeat is a
   * 409), so it is sent exactly once: a timeout surfaces as UNAVAILABLE with `outcomeUnknown`.
   */
  async addMember(teamId: string, userId: string): Promise<boolean> {
    const response = await this.http.request({
      method: 'POST',
      path: routePath(MEMBERS, { organizationId: this.organizationId, teamId }),
      json: { type: 'user', id: userId },
      idempotent: false,
      accept: [409],
    });
    if (response.status === 409) return false;
    parseResponse('BIRD', TeamMemberAddedWire, response.body, `POST ${MEMBERS}`);
    return true;
  }

  /** DELETE (idempotent): true when removed, false on a 404, which Bird answers alike for no member, team or organization. */
  async removeMember(teamId: string, userId: string): Promise<boolean> {
    const response = await this.http.request({
      method: 'DELETE',
      path: routePath(MEMBER, { organizationId: this.organizationId, teamId, teamMemberId: userId }),
      idempotent: true,
      accept: [404],
    });
    return response.status !== 404;
  }
}
