// The Access Control calls the adapter makes, with the bearer token renewed and the call re-sent once after a 401.
import type { HttpClient, HttpRequest, HttpResponse } from '../http.js';
import { routePath, type RoutePath } from '../route-path.js';
import { ProviderError, type JsonObject } from '../types.js';
import { parseResponse } from '../validate.js';
import type { PasswordGrant } from './token.js';
import { errorMessage, WireTeamList, WireUser, WireUserList, type WireTeam } from './wire.js';

/** Versioned media types: Accept on every call, Content-Type on writes. */
export const V1_JSON = 'application/json;v=1.0';

/** A parsed item and the provider's own JSON for it. */
export interface Parsed<T> {
  item: T;
  raw: JsonObject;
}

function withRaw<T>(items: T[], body: unknown): Array<Parsed<T>> {
  const raws = body as JsonObject[];
  return items.map((item, i) => ({ item, raw: raws[i] as JsonObject }));
}

export class CheckmarxApi {
  constructor(
    private readonly http: HttpClient,
    private readonly grant: PasswordGrant,
    private readonly basePath: string,
  ) {}

  /**
   * Sends a call with the current token. A 401 means the server no longer honours it (expired, revoked,
   * restarted): the token is dropped, a new one fetched (shared with concurrent callers), and the call re-sent once.
   */
  private async send(req: HttpRequest): Promise<HttpResponse> {
    const token = await this.grant.token();
    try {
      return await this.http.request(req);
    } catch (error) {
      if (!(error instanceof ProviderError) || error.status !== 401) throw error;
      this.grant.invalidate(token);
      await this.grant.token();
      return this.http.request(req);
    }
  }

  private route(method: string, path: RoutePath): string {
    return `${method} ${this.basePath}${path.route}`;
  }

  private async getJson(path: RoutePath): Promise<unknown> {
    return (await this.send({ method: 'GET', path, idempotent: true })).body;
  }

  /** A write with the versioned Content-Type even when it has no body (as the doc shows for POST and DELETE). */
  private async write(method: 'POST' | 'PUT' | 'DELETE', path: RoutePath, json?: unknown, accept?: number[]): Promise<HttpResponse> {
    const body = json === undefined ? { headers: { 'content-type': V1_JSON } } : { json, contentType: V1_JSON };
    // docs/providers/checkmarx.md#contract: PUT replace, POST add and DELETE remove are all safe to repeat.
    return this.send({ method, path, idempotent: true, accept, ...body });
  }

  async teams(): Promise<Array<Parsed<WireTeam>>> {
    const path = routePath('/auth/Teams');
    const body = await this.getJson(path);
    return withRaw(parseResponse('CHECKMARX', WireTeamList, body, this.route('GET', path)), body);
  }

  async teamUsers(teamId: number): Promise<Array<Parsed<WireUser>>> {
    const path = routePath('/auth/Teams/{teamId}/Users', { teamId });
    const body = await this.getJson(path);
    return withRaw(parseResponse('CHECKMARX', WireUserList, body, this.route('GET', path)), body);
  }

  async users(): Promise<Array<Parsed<WireUser>>> {
    const path = routePath('/auth/Users');
    const body = await this.getJson(path);
    return withRaw(parseResponse('CHECKMARX', WireUserList, body, this.route('GET', path)), body);
  }

  async user(userId: number): Promise<Parsed<WireUser>> {
    const path = routePath('/auth/Users/{id}', { id: userId });
    const body = await this.getJson(path);
    return { item: parseResponse('CHECKMARX', WireUser, body, this.route('GET', path)), raw: body as JsonObject };
  }

  async addTeamUser(teamId: number, userId: number): Promise<void> {
    await this.write('POST', routePath('/auth/Teams/{teamId}/Users/{userId}', { teamId, userId }));
  }

  /** Null once removed (204); the error of a 400 (not a member, say), which the caller tells apart by a read. */
  async removeTeamUser(teamId: number, userId: number): Promise<ProviderError | null> {
    const path = routePath('/auth/Teams/{teamId}/Users/{userId}', { teamId, userId });
    const response = await this.write('DELETE', path, undefined, [400]);
    if (response.status !== 400) return null;
    const route = this.route('DELETE', path);
    const detail = errorMessage(400, response.body);
    return new ProviderError('CHECKMARX', 'INVALID', `Checkmarx answered 400${detail ? `: ${detail}` : ''} (${route})`, { status: 400, route });
  }

  /** Deletes a user from the server: true once deleted (204), false when there was no such user (404). */
  async deleteUser(userId: number): Promise<boolean> {
    const response = await this.write('DELETE', routePath('/auth/Users/{id}', { id: userId }), undefined, [404]);
    return response.status !== 404;
  }

  async replaceTeamUsers(teamId: number, userIds: readonly number[]): Promise<void> {
    await this.write('PUT', routePath('/auth/Teams/{teamId}/Users', { teamId }), { userIds });
  }
}
