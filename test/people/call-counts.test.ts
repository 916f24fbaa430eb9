// The upstream calls person(email:) and a page of people cost, against the simulators' logs: one walk of each member list per request.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../src/providers/types.js';
import { byRoute, dataOf, gatewayForFile } from '../support/gateway.js';
import { readTruth, widestPerson, type OrganizationSeen, type PersonSeen, type Truth } from './truth.js';

const gateway = gatewayForFile();
let truth: Truth;
let widest: PersonSeen;

/**
 * The page sizes the walks read with: each provider's largest (docs/providers/*.md). GitBook serves 1,000 a page;
 * Cloudflare 50 on accounts, account members and user groups (its API's cap), 500 on group members.
 */
const GITBOOK_PAGE = 1000;
const CLOUDFLARE_LIST_PAGE = 50;
const CLOUDFLARE_GROUP_MEMBER_PAGE = 500;

/** Calls to walk a list of `count` items at `size` a page: an empty list still costs its one call. */
const pages = (count: number, size: number) => Math.max(1, Math.ceil(count / size));
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const organizationsOf = (provider: ProviderId) => truth.organizations.filter((o) => o.provider === provider);
const holds = (org: OrganizationSeen, person: PersonSeen) => (org.members ?? []).some((m) => person.memberships.has(m.id));

/** What reading every organization's own member list costs: the lookup of anyone, and a page of people. */
function directoryCost(): Record<string, number> {
  const gitbook = organizationsOf('GITBOOK');
  const cloudflare = organizationsOf('CLOUDFLARE');
  return {
    'GET /api/v1/members': 1,
    'GET /v1/orgs': pages(gitbook.length, GITBOOK_PAGE),
    'GET /v1/orgs/{organizationId}/members': sum(gitbook.map((o) => pages(o.members?.length ?? 0, GITBOOK_PAGE))),
    'GET /cxrestapi/auth/Users': 1,
    'GET /client/v4/accounts': pages(cloudflare.length, CLOUDFLARE_LIST_PAGE),
    'GET /client/v4/accounts/{account_id}/members': sum(cloudflare.map((o) => pages(o.members?.length ?? 0, CLOUDFLARE_LIST_PAGE))),
  };
}

/** What a person's group memberships add: each group list and group member list of the organizations that hold them. */
function groupCost(person: PersonSeen): Record<string, number> {
  const cost: Record<string, number> = {};
  const add = (route: string, calls: number) => {
    if (calls > 0) cost[route] = (cost[route] ?? 0) + calls;
  };
  for (const org of truth.organizations.filter((o) => holds(o, person))) {
    if (org.provider === 'GOODACCESS') {
      add('GET /api/v1/groups', 1);
      add('GET /api/v1/relation/group/{groupId}/members', org.groups.length);
    } else if (org.provider === 'GITBOOK') {
      add('GET /v1/orgs/{organizationId}/teams', pages(org.groups.length, GITBOOK_PAGE));
      add('GET /v1/orgs/{organizationId}/teams/{teamId}/members', sum(org.groups.map((g) => pages(g.members.length, GITBOOK_PAGE))));
    } else if (org.provider === 'CLOUDFLARE') {
      add('GET /client/v4/accounts/{account_id}/iam/user_groups', pages(org.groups.length, CLOUDFLARE_LIST_PAGE));
      add(
        'GET /client/v4/accounts/{account_id}/iam/user_groups/{user_group_id}/members',
        sum(org.groups.map((g) => pages(g.members.length, CLOUDFLARE_GROUP_MEMBER_PAGE))),
      );
    }
    // Checkmarx: its users' teamIds give the team memberships, no call. Bird: never read (no e-mails).
  }
  return cost;
}

async function costOf(query: string, variables: Record<string, unknown> = {}): Promise<Record<string, number>> {
  gateway.clearLogs();
  dataOf(await gateway.query(query, variables));
  return byRoute(gateway.calls());
}

beforeAll(async () => {
  // Also fetches the Checkmarx token the adapter then keeps: no measured query pays for it.
  truth = await readTruth(gateway);
  widest = widestPerson(truth);
});

beforeEach(() => gateway.clearLogs());

describe('person(email:)', () => {
  it("costs one walk of each organization's member list for its providers and name, Bird never read", async () => {
    const cost = await costOf('query P($email: String!) { person(email: $email) { id email displayName providers } }', { email: widest.email });
    expect(cost).toEqual(directoryCost());
    expect(gateway.calls('BIRD')).toEqual([]);
  });

  it('with every membership, adds one walk of the group lists of the organizations that hold the person, and nothing else', async () => {
    const cost = await costOf(
      'query P($email: String!) { person(email: $email) { providers memberships(first: 100) { totalCount edges { node { id email } } } } }',
      { email: widest.email },
    );
    const expected = { ...directoryCost(), ...groupCost(widest) };
    expect(cost).toEqual(expected);
    // The widest person is in groups of at least two providers that need group reads, so the sum is worth checking.
    expect(Object.keys(groupCost(widest)).length).toBeGreaterThanOrEqual(2);
  });

  it('asked twice, under aliases and in two spellings, with node(id:) too, costs once', async () => {
    const once = await costOf('query P($email: String!) { person(email: $email) { memberships(first: 100) { edges { node { id } } } } }', {
      email: widest.email,
    });
    const personId = dataOf(await gateway.query<{ person: { id: string } }>('query P($e: String!) { person(email: $e) { id } }', { e: widest.email })).person
      .id;
    const twice = await costOf(
      `query P($a: String!, $b: String!, $id: ID!) {
        a: person(email: $a) { providers memberships(first: 100) { edges { node { id } } } }
        b: person(email: $b) { displayName memberships(first: 3) { edges { node { id } } } }
        node(id: $id) { ... on Person { memberships(first: 100) { edges { node { id } } } } } }`,
      { a: widest.email, b: `  ${widest.email.toUpperCase()}`, id: personId },
    );
    expect(twice).toEqual(once);
  });

  it('of an address no one holds costs the member list walks only', async () => {
    const cost = await costOf('{ person(email: "nobody.at.all@nowhere.example") { memberships { totalCount } } }');
    expect(cost).toEqual(directoryCost());
  });
});

describe('a page of people', () => {
  it("costs one walk of each organization's member list, whatever the page size and however many person fields", async () => {
    const small = await costOf('{ people(first: 5) { edges { node { email } } } }');
    expect(small).toEqual(directoryCost());
    const large = await costOf('{ people(first: 100) { totalCount edges { node { id email displayName providers } } } }');
    expect(large).toEqual(directoryCost());
  });

  it('and the next page costs the same again (a new request), not more', async () => {
    const first = dataOf(await gateway.query<{ people: { pageInfo: { endCursor: string } } }>('{ people(first: 50) { pageInfo { endCursor } } }'));
    const next = await costOf('query N($after: String) { people(first: 50, after: $after) { edges { node { email providers } } } }', {
      after: first.people.pageInfo.endCursor,
    });
    expect(next).toEqual(directoryCost());
  });

  it('filtered by provider reads only those providers', async () => {
    const cost = await costOf('{ people(first: 20, filter: { providers: [GOODACCESS, CHECKMARX] }) { edges { node { email } } } }');
    expect(cost).toEqual({ 'GET /api/v1/members': 1, 'GET /cxrestapi/auth/Users': 1 });
  });

  it('with person(email:) beside it shares every walk', async () => {
    const cost = await costOf('query P($email: String!) { people(first: 20) { edges { node { email providers } } } person(email: $email) { displayName } }', {
      email: widest.email,
    });
    expect(cost).toEqual(directoryCost());
  });
});
