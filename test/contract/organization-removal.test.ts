// removeOrganizationMember against the simulators over real HTTP: GitBook's organization-member DELETE, Checkmarx's user DELETE.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBirdAdapter } from '../../src/providers/bird/index.js';
import { createCheckmarxAdapter } from '../../src/providers/checkmarx/index.js';
import { createCloudflareAdapter } from '../../src/providers/cloudflare/index.js';
import { createGitBookAdapter } from '../../src/providers/gitbook/index.js';
import { createGoodAccessAdapter } from '../../src/providers/goodaccess/index.js';
import { ProviderError, type MemberRecord, type ProviderAdapter } from '../../src/providers/types.js';
import { SimServer } from '../../src/sandbox/core/sim-server.js';
import { createCheckmarxSimulator, SEEDED } from '../../src/sandbox/checkmarx/index.js';
import { createGitBookSimulator } from '../../src/sandbox/gitbook/index.js';

const FAST = { retry: { baseDelayMs: 5 } };
const gitbookSim = createGitBookSimulator();
const gitbookServer = new SimServer(gitbookSim);
const checkmarxServer = new SimServer(createCheckmarxSimulator());
const opened: ProviderAdapter[] = [];

function open<T extends ProviderAdapter>(adapter: T): T {
  opened.push(adapter);
  return adapter;
}

async function caught(promise: Promise<unknown>): Promise<ProviderError> {
  const outcome = await promise.then(
    () => new Error('expected a ProviderError'),
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(ProviderError);
  return outcome as ProviderError;
}

const logged = (server: SimServer) => server.log.list().map((e) => `${e.method} ${e.route} ${e.status}`);

let gitbook: ProviderAdapter;
let checkmarx: ProviderAdapter;

beforeAll(async () => {
  await Promise.all([gitbookServer.start(), checkmarxServer.start()]);
  gitbook = open(createGitBookAdapter({ baseUrl: gitbookServer.baseUrl, token: 'sandbox-token', http: FAST }));
  checkmarx = open(createCheckmarxAdapter({ baseUrl: checkmarxServer.baseUrl, username: 'admin', password: 'sandbox', http: FAST }));
});
afterAll(async () => {
  await Promise.all(opened.map((adapter) => adapter.close()));
  await Promise.all([gitbookServer.stop(), checkmarxServer.stop()]);
});
beforeEach(() => {
  gitbookServer.reset();
  checkmarxServer.reset();
});

describe('which adapters have it', () => {
  it('GitBook and Checkmarx, whose contracts document the call; the three others neither say nor have it', () => {
    const others = [
      open(createGoodAccessAdapter({ baseUrl: 'http://127.0.0.1:9/api/v1', token: 't' })),
      open(createBirdAdapter({ baseUrl: 'http://127.0.0.1:9', accessKey: 't', organizationId: '4fd4ed0b-b2f8-4f25-b2cb-d3487106c41b' })),
      open(createCloudflareAdapter({ baseUrl: 'http://127.0.0.1:9/client/v4', token: 't' })),
    ];
    for (const adapter of [gitbook, checkmarx]) {
      expect(adapter.capabilities.writes.removeOrganizationMember).toBe(true);
      expect(typeof adapter.removeOrganizationMember).toBe('function');
    }
    for (const adapter of others) {
      expect(adapter.capabilities.writes.removeOrganizationMember).toBe(false);
      expect(adapter.removeOrganizationMember).toBeUndefined();
    }
  });
});

describe('GitBook: DELETE /orgs/{organizationId}/members/{userId}', () => {
  const ROUTE = 'DELETE /v1/orgs/{organizationId}/members/{userId}';
  const orgId = () => gitbookSim.ids.mainOrganizationId;
  const org = () => gitbookSim.world.orgs.get(orgId())!;
  /** An organization member who is in at least one team. */
  const teamMember = () => [...org().members.keys()].find((id) => [...org().teams.values()].some((t) => t.members.has(id)))!;

  it('205 is REMOVED (out of the organization and every team), a repeat 204 is NOT_A_MEMBER', async () => {
    const userId = teamMember();
    expect(await gitbook.removeOrganizationMember!(orgId(), userId)).toEqual({ ref: { memberId: userId }, status: 'REMOVED' });
    expect(await gitbook.removeOrganizationMember!(orgId(), userId)).toEqual({ ref: { memberId: userId }, status: 'NOT_A_MEMBER' });
    expect(logged(gitbookServer)).toEqual([`${ROUTE} 205`, `${ROUTE} 204`]);
    expect(org().members.has(userId)).toBe(false);
    expect([...org().teams.values()].filter((t) => t.members.has(userId))).toEqual([]);
    const [entry] = await gitbook.getOrganizationMembers(orgId(), [userId]);
    expect(entry).toBeInstanceOf(ProviderError);
    expect((entry as ProviderError).kind).toBe('NOT_FOUND');
  });

  it('202 (sent to the admins for approval) is a CONFLICT that says the user stays a member', async () => {
    const userId = teamMember();
    gitbookServer.faults.add({ kind: 'error', status: 202, times: 1, match: { method: 'DELETE', route: '/v1/orgs/{organizationId}/members/{userId}' } });
    const error = await caught(gitbook.removeOrganizationMember!(orgId(), userId));
    expect(error).toMatchObject({ kind: 'CONFLICT', status: 202 });
    expect(error.message).toMatch(/stays a member/);
    expect(org().members.has(userId)).toBe(true);
  });

  it('refuses malformed ids before any call; an unknown organization is NOT_FOUND; the read-only token FORBIDDEN', async () => {
    expect((await caught(gitbook.removeOrganizationMember!('bad/org', 'u1'))).kind).toBe('INVALID');
    expect((await caught(gitbook.removeOrganizationMember!(orgId(), '..'))).kind).toBe('INVALID');
    expect(gitbookServer.log.list()).toEqual([]);
    expect((await caught(gitbook.removeOrganizationMember!('no-such-org', 'u1'))).kind).toBe('NOT_FOUND');
    const readOnly = open(createGitBookAdapter({ baseUrl: gitbookServer.baseUrl, token: 'sandbox-readonly-token', http: FAST }));
    const userId = teamMember();
    expect(await caught(readOnly.removeOrganizationMember!(orgId(), userId))).toMatchObject({ kind: 'FORBIDDEN', status: 403 });
    expect(org().members.has(userId)).toBe(true);
  });

  it('is retried after a 503 (every GitBook call is idempotent)', async () => {
    const userId = teamMember();
    gitbookServer.faults.add({ kind: 'error', status: 503, times: 1, match: { method: 'DELETE' } });
    expect((await gitbook.removeOrganizationMember!(orgId(), userId)).status).toBe('REMOVED');
    expect(logged(gitbookServer)).toEqual([`${ROUTE} 503`, `${ROUTE} 205`]);
  });
});

describe('Checkmarx: DELETE /auth/Users/{id}', () => {
  const ROUTE = 'DELETE /cxrestapi/auth/Users/{id}';
  const ORG = 'cxserver';
  const bigTeam = { organizationId: ORG, groupId: String(SEEDED.bigTeamId) };
  const teamMemberIds = async () => (await checkmarx.listGroupMembers(bigTeam, { size: 1000 })).items.map((m: MemberRecord) => m.memberId);

  it('204 is REMOVED (the user and its team memberships are gone), a repeat 404 is NOT_A_MEMBER', async () => {
    const [userId] = (await teamMemberIds()) as [string];
    checkmarxServer.log.clear();
    expect(await checkmarx.removeOrganizationMember!(ORG, userId)).toEqual({ ref: { memberId: userId }, status: 'REMOVED' });
    expect(await checkmarx.removeOrganizationMember!(ORG, userId)).toEqual({ ref: { memberId: userId }, status: 'NOT_A_MEMBER' });
    expect(logged(checkmarxServer)).toEqual([`${ROUTE} 204`, `${ROUTE} 404`]);
    expect(await teamMemberIds()).not.toContain(userId);
    const [entry] = await checkmarx.getOrganizationMembers(ORG, [userId]);
    expect((entry as ProviderError).kind).toBe('NOT_FOUND');
  });

  it('needs "Manage Users": the viewer is FORBIDDEN and the user stays', async () => {
    const viewer = open(createCheckmarxAdapter({ baseUrl: checkmarxServer.baseUrl, username: 'viewer', password: 'sandbox', http: FAST }));
    const [userId] = (await teamMemberIds()) as [string];
    expect((await caught(viewer.removeOrganizationMember!(ORG, userId))).kind).toBe('FORBIDDEN');
    expect(await teamMemberIds()).toContain(userId);
  });

  it('refuses another organization and a malformed id with no call; deleting the calling user is INVALID (400)', async () => {
    checkmarxServer.log.clear();
    expect((await caught(checkmarx.removeOrganizationMember!('elsewhere', '5'))).kind).toBe('NOT_FOUND');
    expect((await caught(checkmarx.removeOrganizationMember!(ORG, 'x5'))).kind).toBe('INVALID');
    expect(checkmarxServer.log.list()).toEqual([]);
    expect(await caught(checkmarx.removeOrganizationMember!(ORG, String(SEEDED.adminUserId)))).toMatchObject({ kind: 'INVALID', status: 400 });
  });

  it('is retried after a 503 (a repeated user DELETE is harmless: 404 reads as NOT_A_MEMBER)', async () => {
    const [userId] = (await teamMemberIds()) as [string];
    checkmarxServer.log.clear();
    checkmarxServer.faults.add({ kind: 'error', status: 503, times: 1, match: { method: 'DELETE' } });
    expect((await checkmarx.removeOrganizationMember!(ORG, userId)).status).toBe('REMOVED');
    expect(logged(checkmarxServer)).toEqual([`${ROUTE} 503`, `${ROUTE} 204`]);
  });
});
