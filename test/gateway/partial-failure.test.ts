// One provider down (5xx to the last retry, a hang past its timeout, an open breaker): only its fields fail, the rest arrive.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../src/providers/types.js';
import { dataOf, startGateway, type GatewayHarness, type GraphQLAnswer, type GraphQLErrorShape } from '../support/gateway.js';

interface Edges<T> {
  edges: Array<{ node: T | null }>;
}
interface MemberSeen {
  id: string;
  email: string | null;
  displayName: string | null;
}
interface GroupSeen {
  name: string;
  members: Edges<MemberSeen>;
}
interface OrganizationSeen {
  id: string;
  provider: ProviderId;
  name: string;
  teams: Edges<GroupSeen>;
  userGroups: Edges<GroupSeen>;
}
interface Survey {
  providers: Array<{ id: ProviderId; healthy: boolean }>;
  organizations: Edges<OrganizationSeen>;
}

const SURVEY = `{ providers { id healthy }
  organizations(first: 100) { edges { node { id provider name
    teams(first: 2) { edges { node { name members(first: 2) { edges { node { id email displayName } } } } } }
    userGroups(first: 2) { edges { node { name members(first: 2) { edges { node { id email displayName } } } } } } } } } }`;

/** The credentials the gateway holds for the sandbox (docs/schema.md#run-time-surface): none may ever reach a client. */
const SECRETS = ['sandbox-token', '014DF517-39D1-4453-B7B3-9930C563627C', 'AccessKey ', 'Bearer '];
/** Checkmarx's password; a word too common in the sandbox's own data to look for anywhere but in errors. */
const CHECKMARX_PASSWORD = /\bsandbox\b/i;
const BREAKER_RESET_MS = 400;

let gateway: GatewayHarness;
/** The survey with every provider healthy: what the healthy providers must still answer while one is down. */
let baseline: Survey;
/** Every answer this file received, checked for secrets at the end. */
const answers: Array<GraphQLAnswer<unknown>> = [];

async function survey(): Promise<GraphQLAnswer<Survey>> {
  const answer = await gateway.query<Survey>(SURVEY);
  answers.push(answer);
  return answer;
}

/** The organizations of the providers that were not touched, exactly as the healthy baseline had them. */
function expectOthersUntouched(answer: GraphQLAnswer<Survey>, down: ProviderId): void {
  const others = (survey: Survey) => survey.organizations.edges.map((e) => e.node).filter((o) => o !== null && o.provider !== down);
  expect(others(answer.data!)).toEqual(others(baseline));
  expect(others(answer.data!).length).toBeGreaterThanOrEqual(4);
}

/** Every error of an answer belongs to the provider that is down, with a code a client can branch on. */
function expectErrorsOf(errors: GraphQLErrorShape[] | undefined, provider: ProviderId, code = 'PROVIDER_UNAVAILABLE'): GraphQLErrorShape[] {
  expect(errors?.length).toBeGreaterThan(0);
  for (const error of errors!) {
    expect(error.extensions, error.message).toMatchObject({ code, provider });
    expect(error.path, error.message).toBeDefined();
  }
  return errors!;
}

beforeAll(async () => {
  const fastRetries = { retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 }, breaker: { failureThreshold: 10_000 } };
  gateway = await startGateway({
    httpFor: {
      GOODACCESS: fastRetries,
      GITBOOK: fastRetries,
      CHECKMARX: fastRetries,
      // A hang must give up quickly, and not trip a breaker that later tests would meet.
      CLOUDFLARE: {
        timeouts: { headersMs: 150, deadlineMs: 400 },
        retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
        breaker: { failureThreshold: 10_000 },
      },
      // The breaker test: two failed calls open it, and it lets a probe through shortly after.
      BIRD: { retry: { attempts: 1 }, breaker: { failureThreshold: 2, resetAfterMs: BREAKER_RESET_MS } },
    },
  });
  const answer = await survey();
  baseline = dataOf(answer);
});

beforeEach(() => gateway.reset());

afterAll(async () => {
  await gateway?.stop();
});

describe('one provider down', () => {
  it('GitBook answering 503 to every retry: its organizations are null with the error; the others arrive whole', async () => {
    gateway.sandbox.servers.gitbook.faults.add({ kind: 'error', status: 503 });
    const answer = await survey();

    const gitbookEdges = answer.data!.organizations.edges.filter((e) => e.node === null);
    expect(gitbookEdges).toHaveLength(1);
    const [error] = expectErrorsOf(answer.errors, 'GITBOOK');
    expect(answer.errors).toHaveLength(1);
    expect(error!.path).toEqual(['organizations', 'edges', answer.data!.organizations.edges.findIndex((e) => e.node === null), 'node']);
    expect(error!.message).toMatch(/GitBook answered 503/);
    expectOthersUntouched(answer, 'GITBOOK');
    // Retried as tuned, then given up: every attempt reached the simulator and got its 503.
    expect(gateway.calls('GITBOOK').map((c) => c.status)).toEqual([503, 503, 503]);
  });

  it('GitBook failing only its member lists: its organizations and teams stay, each failed member list is an error of its own', async () => {
    gateway.sandbox.servers.gitbook.faults.add({ kind: 'error', status: 503, match: { route: '/v1/orgs/{organizationId}/teams/{teamId}/members' } });
    const answer = await survey();

    const gitbook = answer.data!.organizations.edges.map((e) => e.node).filter((o) => o?.provider === 'GITBOOK');
    expect(gitbook.map((o) => o!.name)).toEqual(
      baseline.organizations.edges
        .map((e) => e.node!)
        .filter((o) => o.provider === 'GITBOOK')
        .map((o) => o.name),
    );
    // A team whose members failed is null in its edge (members is non-null); its organization is still there.
    for (const org of gitbook) expect(org!.teams.edges.every((e) => e.node === null)).toBe(true);
    const errors = expectErrorsOf(answer.errors, 'GITBOOK');
    expect(errors).toHaveLength(gitbook.reduce((n, o) => n + o!.teams.edges.length, 0));
    for (const e of errors) expect(e.path!.slice(-1)).toEqual(['members']);
    expectOthersUntouched(answer, 'GITBOOK');
  });

  it('Cloudflare hanging past its timeout: the answer still comes, quickly, with Cloudflare failed and the others whole', async () => {
    gateway.sandbox.servers.cloudflare.faults.add({ kind: 'hang' });
    const started = Date.now();
    const answer = await survey();
    // The deadline this test proves: with a 400 ms deadline the request must not wait for the hang. 3 s leaves a
    // busy machine over 7 times the deadline; only waiting for the hang (which never ends) fails it.
    expect(Date.now() - started).toBeLessThan(3_000);
    const [error] = expectErrorsOf(answer.errors, 'CLOUDFLARE');
    expect(answer.errors).toHaveLength(1);
    expect(error!.message).toMatch(/Cloudflare/);
    expect(answer.data!.organizations.edges.filter((e) => e.node === null)).toHaveLength(1);
    expectOthersUntouched(answer, 'CLOUDFLARE');
  });

  it('nodes(ids:) across providers with Checkmarx down: only the Checkmarx entries are null, each with its error', async () => {
    const members = baseline.organizations.edges
      .map((e) => e.node!)
      .flatMap((o) => [...o.teams.edges, ...o.userGroups.edges].flatMap((g) => g.node!.members.edges.map((m) => ({ provider: o.provider, member: m.node! }))));
    expect(new Set(members.map((m) => m.provider)).size).toBe(5);
    gateway.sandbox.servers.checkmarx.faults.add({ kind: 'error', status: 503 });

    const answer = await gateway.query<{ nodes: Array<MemberSeen | null> }>(
      'query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Member { id email displayName } } }',
      {
        ids: members.map((m) => m.member.id),
      },
    );
    answers.push(answer);
    expect(answer.data!.nodes).toEqual(members.map((m) => (m.provider === 'CHECKMARX' ? null : m.member)));
    const errors = expectErrorsOf(answer.errors, 'CHECKMARX');
    expect(errors.map((e) => e.path)).toEqual(members.flatMap((m, i) => (m.provider === 'CHECKMARX' ? [['nodes', i]] : [])));
  });

  it('Checkmarx refusing a new token: an authentication error of its own, naming no credential', async () => {
    // The held token is refused once (401), so the adapter asks for a new one, which the server refuses.
    gateway.sandbox.servers.checkmarx.faults.add({ kind: 'error', status: 401, times: 1, match: { route: '/cxrestapi/auth/Teams' } });
    gateway.sandbox.servers.checkmarx.faults.add({ kind: 'error', status: 400, match: { route: '/cxrestapi/auth/identity/connect/token' } });
    const answer = await survey();
    const [error] = expectErrorsOf(answer.errors, 'CHECKMARX', 'PROVIDER_UNAUTHENTICATED');
    expect(error!.message).toMatch(/Checkmarx refused the password grant/);
    expect(gateway.calls('CHECKMARX').map((c) => `${c.method} ${c.route} ${c.status}`)).toContain('POST /cxrestapi/auth/identity/connect/token 400');
    expectOthersUntouched(answer, 'CHECKMARX');
  });

  it("Bird's breaker: open after repeated failures (no calls, healthy: false), closed again once a probe succeeds", async () => {
    gateway.sandbox.servers.bird.faults.add({ kind: 'error', status: 503 });
    for (let i = 0; i < 2; i++) expectErrorsOf((await survey()).errors, 'BIRD');
    gateway.sandbox.servers.bird.faults.clear();
    gateway.clearLogs();

    // The API is fine again, but the breaker does not know yet: Bird fails fast, without a call.
    const open = await survey();
    expect(gateway.calls('BIRD')).toEqual([]);
    expect(open.data!.providers.find((p) => p.id === 'BIRD')!.healthy).toBe(false);
    expect(open.data!.providers.filter((p) => p.id !== 'BIRD').every((p) => p.healthy)).toBe(true);
    const [error] = expectErrorsOf(open.errors, 'BIRD');
    expect(error!.message).toMatch(/circuit open/);
    expect(error!.extensions?.retryAfter).toEqual(expect.any(Number));
    expectOthersUntouched(open, 'BIRD');

    // After the reset time one probe goes through, succeeds, and closes the breaker.
    await new Promise((resolve) => setTimeout(resolve, BREAKER_RESET_MS + 50));
    const recovered = await survey();
    expect(recovered.errors).toBeUndefined();
    expect(recovered.data).toEqual(baseline);
  });
});

describe('secrets', () => {
  it('no answer in this file, failed or not, carries a credential, and no error carries the Checkmarx password', () => {
    expect(answers.length).toBeGreaterThanOrEqual(8);
    for (const answer of answers) {
      const text = JSON.stringify(answer);
      for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
      for (const error of answer.errors ?? []) {
        expect(JSON.stringify(error)).not.toMatch(CHECKMARX_PASSWORD);
        // Internals stay inside: no stack traces or causes in what a client sees.
        expect(Object.keys(error.extensions ?? {}).filter((k) => !['code', 'provider', 'retryAfter', 'field', 'argument'].includes(k))).toEqual([]);
      }
    }
  });
});
