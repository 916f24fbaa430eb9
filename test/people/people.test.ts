// people(first, after, filter) over the sandbox: in e-mail order to the end with no one missed or repeated, filters, keyset cursors.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../src/providers/types.js';
import { dataOf, gatewayForFile, type GraphQLAnswer } from '../support/gateway.js';
import { readTruth, type Truth } from './truth.js';

const gateway = gatewayForFile();
let truth: Truth;

interface PeoplePage {
  totalCount: number | null;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: { id: string; email: string; providers: ProviderId[] } }>;
}

const PEOPLE = `query People($first: Int, $after: String, $filter: PeopleFilter) {
  people(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id email providers } } } }`;

async function page(variables: Record<string, unknown>): Promise<PeoplePage> {
  const answer: GraphQLAnswer<{ people: PeoplePage }> = await gateway.query(PEOPLE, variables);
  return dataOf(answer).people;
}

/** Every page of the list, `first` at a time, to the end. */
async function walk(first: number, filter?: Record<string, unknown>): Promise<{ emails: string[]; pages: PeoplePage[] }> {
  const pages: PeoplePage[] = [];
  let after: string | null = null;
  for (let n = 0; n < 10_000; n++) {
    const current = await page({ first, after, filter });
    pages.push(current);
    if (!current.pageInfo.hasNextPage) break;
    after = current.pageInfo.endCursor;
  }
  return { emails: pages.flatMap((p) => p.edges.map((e) => e.node.email)), pages };
}

const sorted = (emails: Iterable<string>) => [...emails].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

beforeAll(async () => {
  truth = await readTruth(gateway);
});

describe('people', () => {
  it('pages to the end in e-mail order: everyone once, no one missed or repeated, each with their providers', async () => {
    const { emails, pages } = await walk(100);
    expect(emails).toEqual(sorted(truth.people.keys()));
    expect(pages.every((p) => p.totalCount === truth.people.size)).toBe(true);
    expect(pages.slice(1).every((p) => p.pageInfo.hasPreviousPage)).toBe(true);
    for (const { node } of pages.flatMap((p) => p.edges)) {
      expect(new Set(node.providers), node.email).toEqual(truth.people.get(node.email)?.providers);
    }
    // A page a request, each reading every provider's member lists: give the walk room on a busy machine.
  }, 60_000);

  it('filters by e-mail substring and by provider, the same people the lists hold, in small pages', async () => {
    const providers: ProviderId[] = ['CLOUDFLARE', 'CHECKMARX'];
    const filter = { emailContains: 'AN', providers };
    const { emails, pages } = await walk(37, filter);
    const expected = [...truth.people.values()].filter((p) => p.email.includes('an') && providers.some((id) => p.providers.has(id)));
    expect(expected.length).toBeGreaterThan(37);
    expect(emails).toEqual(sorted(expected.map((p) => p.email)));
    expect(pages[0]?.totalCount).toBe(expected.length);
    // Bird's members carry no e-mail: filtering on Bird alone lists no one.
    const bird = await page({ filter: { providers: ['BIRD'] } });
    expect(bird).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false } });
  });

  it('resumes after the e-mail of its cursor: a person added before it is not repeated, one after it is not missed', async () => {
    const first = await page({ first: 10 });
    const last = first.edges[9]?.node.email ?? '';
    const before = `${first.edges[0]?.node.email.replace(/@.*/, '')}.a@acme.example`;
    const after = `${last.replace(/@.*/, '')}z@acme.example`;
    expect(before < last && after > last).toBe(true);
    const tenant = truth.organizations.find((o) => o.provider === 'GOODACCESS')?.id;
    for (const name of [before, after]) {
      const created = await gateway.query<{ createMember: { __typename: string } }>(
        'mutation C($input: CreateMemberInput!) { createMember(input: $input) { __typename } }',
        { input: { organizationId: tenant, name, password: 'Sandbox-password-1' } },
      );
      expect(dataOf(created).createMember.__typename).toBe('CreateMemberSuccess');
    }
    try {
      const next = await page({ first: 100, after: first.pageInfo.endCursor });
      const emails = next.edges.map((e) => e.node.email);
      expect(emails).not.toContain(before);
      expect(emails.some((e) => first.edges.some((f) => f.node.email === e))).toBe(false);
      const expected = sorted([...truth.people.keys(), after].filter((e) => e > last)).slice(0, 100);
      expect(emails).toEqual(expected);
    } finally {
      gateway.reset();
    }
  });

  it('refuses a cursor of another filter, and an edited one, with BAD_USER_INPUT and no upstream call', async () => {
    const unfiltered = await page({ first: 2 });
    const cursor = unfiltered.pageInfo.endCursor ?? '';
    gateway.clearLogs();
    const other = await gateway.query(PEOPLE, { first: 2, after: cursor, filter: { emailContains: 'a' } });
    expect(other.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const edited = `${cursor.slice(0, -2)}${cursor.endsWith('A') ? 'B' : 'A'}${cursor.slice(-1)}`;
    const forged = await gateway.query(PEOPLE, { first: 2, after: edited });
    expect(forged.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // A cursor of another connection (a person's memberships) is not a people cursor either.
    const everyone = [...truth.people.values()].find((p) => p.memberships.size > 1);
    const memberships = dataOf(
      await gateway.query<{ person: { memberships: { pageInfo: { endCursor: string } } } }>(
        'query M($email: String!) { person(email: $email) { memberships(first: 1) { pageInfo { endCursor } } } }',
        { email: everyone?.email },
      ),
    ).person.memberships.pageInfo.endCursor;
    gateway.clearLogs();
    const foreign = await gateway.query(PEOPLE, { first: 2, after: memberships });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(gateway.calls()).toEqual([]);
  });

  it("gives each person's memberships on a page, the same as the lists hold", async () => {
    const answer = await gateway.query<{
      people: { edges: Array<{ node: { email: string; memberships: { pageInfo: { hasNextPage: boolean }; edges: Array<{ node: { id: string } }> } } }> };
    }>(
      '{ people(first: 20, filter: { providers: [CLOUDFLARE] }) { edges { node { email memberships(first: 100) { pageInfo { hasNextPage } edges { node { id } } } } } } }',
    );
    const edges = dataOf(answer).people.edges;
    expect(edges).toHaveLength(20);
    for (const { node } of edges) {
      expect(node.memberships.pageInfo.hasNextPage).toBe(false);
      expect(new Set(node.memberships.edges.map((e) => e.node.id)), node.email).toEqual(truth.people.get(node.email)?.memberships);
    }
  });
});
