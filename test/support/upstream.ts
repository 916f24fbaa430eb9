// The seeded sandbox read straight from each simulator's own HTTP API: what gateway tests derive their expectations from.
import type { Sandbox } from '../../src/sandbox/index.js';

/** A provider's JSON object, as its API sent it. */
export type Wire = Record<string, unknown>;

/** The credentials the sandbox accepts (docs/schema.md#run-time-surface): fixed and public, so tests may use them. */
const BEARER = { authorization: 'Bearer sandbox-token' };
/** CxSAST's publicly documented resource-owner client secret, the one the sandbox checks. */
const CX_CLIENT_SECRET = '014DF517-39D1-4453-B7B3-9930C563627C';

async function getJson(url: string, headers: Record<string, string>): Promise<unknown> {
  const response = await fetch(url, { headers: { accept: 'application/json', ...headers } });
  if (!response.ok) throw new Error(`upstream read failed: ${response.status} ${url}`);
  return response.json();
}

/**
 * Reads of the seeded worlds that do not go through teamgraph, so a test compares the gateway with the
 * provider's own answer rather than with the adapter's idea of it. Every read walks a list to its end.
 * These requests land in the simulators' request logs: clear them before measuring a query.
 */
export class Upstream {
  private cxToken: string | null = null;

  constructor(private readonly sandbox: Sandbox) {}

  private url(name: keyof Sandbox['baseUrls'], path: string, query: Record<string, string | number> = {}): string {
    const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
    return `${this.sandbox.baseUrls[name]}${path}${search ? `?${search}` : ''}`;
  }

  // --- GoodAccess: whole arrays -------------------------------------------------------------------------
  goodaccessMembers(): Promise<Wire[]> {
    return getJson(this.url('goodaccess', '/members'), BEARER) as Promise<Wire[]>;
  }
  goodaccessGroups(): Promise<Wire[]> {
    return getJson(this.url('goodaccess', '/groups'), BEARER) as Promise<Wire[]>;
  }
  goodaccessGroupMembers(groupId: string): Promise<Wire[]> {
    return getJson(this.url('goodaccess', `/relation/group/${encodeURIComponent(groupId)}/members`), BEARER) as Promise<Wire[]>;
  }

  // --- GitBook: `next.page` cursors ---------------------------------------------------------------------
  private async gitbookList(path: string): Promise<{ items: Wire[]; count: number | null }> {
    const items: Wire[] = [];
    let page: string | null = null;
    let count: number | null = null;
    do {
      const body = (await getJson(this.url('gitbook', path, { limit: 1000, ...(page ? { page } : {}) }), BEARER)) as {
        items: Wire[];
        next?: { page: string };
        count?: number;
      };
      items.push(...body.items);
      count = body.count ?? null;
      page = body.next?.page ?? null;
    } while (page !== null);
    return { items, count };
  }
  async gitbookOrganizations(): Promise<Wire[]> {
    return (await this.gitbookList('/orgs')).items;
  }
  async gitbookTeams(organizationId: string): Promise<Wire[]> {
    return (await this.gitbookList(`/orgs/${organizationId}/teams`)).items;
  }
  gitbookTeamMembers(organizationId: string, teamId: string): Promise<{ items: Wire[]; count: number | null }> {
    return this.gitbookList(`/orgs/${organizationId}/teams/${teamId}/members`);
  }
  async gitbookMembers(organizationId: string): Promise<Wire[]> {
    return (await this.gitbookList(`/orgs/${organizationId}/members`)).items;
  }

  // --- Bird: page tokens --------------------------------------------------------------------------------
  private async birdList(path: string): Promise<Wire[]> {
    const items: Wire[] = [];
    let pageToken: string | null = null;
    do {
      const query: Record<string, string | number> = { limit: 100, ...(pageToken ? { pageToken } : {}) };
      const body = (await getJson(this.url('bird', path, query), BEARER)) as { results: Wire[]; nextPageToken?: string | null };
      items.push(...body.results);
      pageToken = body.nextPageToken ? body.nextPageToken : null;
    } while (pageToken !== null);
    return items;
  }
  birdTeams(): Promise<Wire[]> {
    return this.birdList(`/organizations/${this.sandbox.birdOrganizationId}/teams`);
  }
  birdTeamMembers(teamId: string): Promise<Wire[]> {
    return this.birdList(`/organizations/${this.sandbox.birdOrganizationId}/teams/${teamId}/members`);
  }

  // --- Checkmarx: password grant, whole arrays ----------------------------------------------------------
  private async checkmarx(path: string): Promise<Wire[]> {
    if (!this.cxToken) {
      const form = new URLSearchParams({
        username: 'admin',
        password: 'sandbox',
        grant_type: 'password',
        scope: 'access_control_api',
        client_id: 'resource_owner_client',
        client_secret: CX_CLIENT_SECRET,
      });
      const response = await fetch(this.url('checkmarx', '/auth/identity/connect/token'), { method: 'POST', body: form });
      if (!response.ok) throw new Error(`Checkmarx token: ${response.status}`);
      this.cxToken = ((await response.json()) as { access_token: string }).access_token;
    }
    return getJson(this.url('checkmarx', path), { authorization: `Bearer ${this.cxToken}`, accept: 'application/json;v=1.0' }) as Promise<Wire[]>;
  }
  checkmarxTeams(): Promise<Wire[]> {
    return this.checkmarx('/auth/Teams');
  }
  checkmarxTeamUsers(teamId: string): Promise<Wire[]> {
    return this.checkmarx(`/auth/Teams/${teamId}/Users`);
  }
  checkmarxUsers(): Promise<Wire[]> {
    return this.checkmarx('/auth/Users');
  }

  // --- Cloudflare: page numbers in the v4 envelope ------------------------------------------------------
  private async cloudflareList(path: string, perPage: number): Promise<{ items: Wire[]; totalCount: number }> {
    const items: Wire[] = [];
    let totalCount = 0;
    for (let page = 1; ; page++) {
      const body = (await getJson(this.url('cloudflare', path, { page, per_page: perPage }), BEARER)) as {
        result: Wire[];
        result_info: { total_count: number };
      };
      items.push(...body.result);
      totalCount = body.result_info.total_count;
      if (body.result.length === 0 || items.length >= totalCount) return { items, totalCount };
    }
  }
  async cloudflareAccounts(): Promise<Wire[]> {
    return (await this.cloudflareList('/accounts', 50)).items;
  }
  async cloudflareUserGroups(accountId: string): Promise<Wire[]> {
    return (await this.cloudflareList(`/accounts/${accountId}/iam/user_groups`, 50)).items;
  }
  cloudflareGroupMembers(accountId: string, groupId: string): Promise<{ items: Wire[]; totalCount: number }> {
    return this.cloudflareList(`/accounts/${accountId}/iam/user_groups/${groupId}/members`, 500);
  }
  async cloudflareAccountMembers(accountId: string): Promise<Wire[]> {
    return (await this.cloudflareList(`/accounts/${accountId}/members`, 50)).items;
  }
}
