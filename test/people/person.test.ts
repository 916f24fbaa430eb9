// person(email:) over the sandbox: every membership under the address and nothing else, case variants joined, Member.person back.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../src/providers/types.js';
import { EMAIL_PROVIDERS } from '../../src/sandbox/index.js';
import { dataOf, gatewayForFile, type GraphQLAnswer } from '../support/gateway.js';
import { normal, readTruth, widestPerson, type PersonSeen, type Truth } from './truth.js';

const gateway = gatewayForFile();
let truth: Truth;
let widest: PersonSeen;

interface PersonAnswer {
  id: string;
  email: string;
  displayName: string | null;
  providers: ProviderId[];
  memberships: {
    totalCount: number | null;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: { id: string; provider: ProviderId; email: string | null; group: { id: string } | null; person: { id: string } | null } }>;
  };
}

const PERSON = `query Person($email: String!, $after: String) { person(email: $email) {
  id email displayName providers
  memberships(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { id provider email group { id } person { id } } } } } }`;

async function person(email: string): Promise<PersonAnswer | null> {
  return dataOf(await gateway.query<{ person: PersonAnswer | null }>(PERSON, { email })).person;
}

beforeAll(async () => {
  truth = await readTruth(gateway);
  widest = widestPerson(truth);
});

describe('person(email:)', () => {
  it('finds the person in every provider that holds the address, with every membership and nothing else', async () => {
    // The widest person is in at least two providers once the sandbox company joins them (and in more than one list anyway).
    expect(widest.memberships.size).toBeGreaterThan(1);
    const found = await person(widest.email);
    expect(found).not.toBeNull();
    expect(found?.email).toBe(widest.email);
    expect(new Set(found?.providers)).toEqual(widest.providers);
    expect(found?.memberships.pageInfo.hasNextPage).toBe(false);
    const ids = found?.memberships.edges.map((e) => e.node.id) ?? [];
    expect(ids).toHaveLength(new Set(ids).size);
    expect(new Set(ids)).toEqual(widest.memberships);
    expect(found?.memberships.totalCount).toBe(widest.memberships.size);
    // Each membership is one of theirs, and links back to them.
    for (const { node } of found?.memberships.edges ?? []) {
      expect(normal(node.email ?? '')).toBe(widest.email);
      expect(node.person?.id).toBe(found?.id);
    }
    // Organization-level and group-level memberships both.
    expect(found?.memberships.edges.some((e) => e.node.group === null)).toBe(true);
    expect(found?.memberships.edges.some((e) => e.node.group !== null)).toBe(true);
  });

  it('finds 60 other people with exactly their memberships: the 30 in most providers, and 30 spread over the rest', async () => {
    const bySpread = [...truth.people.values()].sort((a, b) => b.providers.size - a.providers.size || (a.email < b.email ? -1 : 1));
    const rest = bySpread.slice(30);
    const sample = [...bySpread.slice(0, 30), ...rest.filter((_, i) => i % Math.ceil(rest.length / 30) === 0)];
    // The gateway takes at most 15 aliases a request.
    for (let i = 0; i < sample.length; i += 15) {
      const batch = sample.slice(i, i + 15);
      const query = `{ ${batch.map((p, j) => `p${j}: person(email: ${JSON.stringify(p.email)}) { providers memberships(first: 100) { edges { node { id } } } }`).join(' ')} }`;
      const data = dataOf(await gateway.query<Record<string, { providers: ProviderId[]; memberships: { edges: Array<{ node: { id: string } }> } }>>(query));
      batch.forEach((p, j) => {
        const found = data[`p${j}`];
        expect(new Set(found?.memberships.edges.map((e) => e.node.id)), p.email).toEqual(p.memberships);
        expect(new Set(found?.providers), p.email).toEqual(p.providers);
      });
    }
  });

  it('pages the memberships: two at a time to the end, the same list', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 1000; pages++) {
      const answer: GraphQLAnswer<{ person: { memberships: PersonAnswer['memberships'] } }> = await gateway.query(
        'query P($email: String!, $after: String) { person(email: $email) { memberships(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id provider email group { id } person { id } } } } } }',
        { email: widest.email, after },
      );
      const page = dataOf(answer).person.memberships;
      expect(page.edges.length).toBeLessThanOrEqual(2);
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(widest.memberships.size);
    expect(new Set(seen)).toEqual(widest.memberships);
  });

  it('joins case variants: any spelling of the address finds the one person', async () => {
    const found = await person(widest.email);
    for (const spelling of [widest.email.toUpperCase(), `  ${widest.email}\t`, widest.email.replace(/^./, (c) => c.toUpperCase())]) {
      expect(await person(spelling), spelling).toEqual(found);
    }
    // Addresses the providers' records spell differently (only in case) are one person with all their memberships.
    const variants = [...truth.people.values()].filter((p) => p.spellings.size > 1);
    for (const variant of variants) {
      const joined = await person(variant.email);
      expect(new Set(joined?.memberships.edges.map((e) => e.node.id)), variant.email).toEqual(variant.memberships);
    }
  });

  it('joins a member created under another case of an address another provider holds', async () => {
    // An address GoodAccess does not hold yet, from another provider; GoodAccess's login is the name it is created with.
    const elsewhere = [...truth.people.values()].find((p) => !p.providers.has('GOODACCESS') && /^[a-z]/.test(p.email));
    if (!elsewhere) throw new Error('the sandbox has no address outside GoodAccess');
    const spelled = elsewhere.email.toUpperCase();
    const tenant = truth.organizations.find((o) => o.provider === 'GOODACCESS');
    const created = await gateway.query<{ createMember: { __typename: string; member?: { id: string } } }>(
      `mutation C($input: CreateMemberInput!) { createMember(input: $input) { __typename ... on CreateMemberSuccess { member { id } } } }`,
      { input: { organizationId: tenant?.id, name: spelled, password: 'Sandbox-password-1' } },
    );
    const member = dataOf(created).createMember.member;
    expect(member?.id).toBeTruthy();
    try {
      const found = await person(elsewhere.email);
      expect(new Set(found?.providers)).toEqual(new Set([...elsewhere.providers, 'GOODACCESS']));
      expect(new Set(found?.memberships.edges.map((e) => e.node.id))).toEqual(new Set([...elsewhere.memberships, member?.id]));
    } finally {
      gateway.reset();
    }
  });

  it('is null for an address no provider holds, after reading each e-mail-carrying provider once', async () => {
    gateway.clearLogs();
    expect(await person('nobody.at.all@nowhere.example')).toBeNull();
    expect(gateway.calls('BIRD')).toEqual([]);
  });
});

describe("person(email:) against the simulators' own state", () => {
  /** A membership as `provider|organization|group|member`, the organization left out where the API names none (a tenant, a server). */
  const key = (provider: string, organization: string | null, group: string | null, member: string) =>
    [provider.toUpperCase(), organization ?? '*', group ?? '', member.toLowerCase()].join('|');

  it('has exactly what each e-mail-carrying simulator holds for the e-mail to try, a case variant, and a spread of the directory', async () => {
    const { directory } = gateway.sandbox;
    const variant = directory.people.find((p) => p.accounts.some((a) => a.email !== null && a.email !== p.email));
    if (!variant) throw new Error('the sandbox company has no e-mail in another case');
    const spread = directory.people.filter((_, i) => i % 97 === 0);
    for (const email of [gateway.sandbox.tryEmail, variant.email, ...spread.map((p) => p.email)]) {
      // Bird's records carry no e-mail: its memberships are never the person's.
      const held = gateway.sandbox.accessOf(email).filter((a) => a.provider !== 'bird');
      const unnamedOrganization = new Set(held.filter((a) => a.organizationId === null).map((a) => a.provider.toUpperCase()));
      const answer = await gateway.query<{
        person: {
          providers: ProviderId[];
          memberships: {
            edges: Array<{ node: { provider: ProviderId; memberId: string; organization: { externalId: string }; group: { externalId: string } | null } }>;
          };
        } | null;
      }>(
        `query P($email: String!) { person(email: $email) { providers memberships(first: 100) { edges { node {
          provider memberId organization { externalId } group { externalId } } } } } }`,
        { email },
      );
      const found = dataOf(answer).person;
      const shown = (found?.memberships.edges ?? []).map(({ node }) =>
        key(node.provider, unnamedOrganization.has(node.provider) ? null : node.organization.externalId, node.group?.externalId ?? null, node.memberId),
      );
      expect(shown.sort(), email).toEqual(held.map((a) => key(a.provider, a.organizationId, a.group?.id ?? null, a.memberId)).sort());
      expect(new Set(found?.providers ?? []), email).toEqual(new Set(held.map((a) => a.provider.toUpperCase())));
      // The e-mail to try is in every provider whose records carry e-mails.
      if (email === gateway.sandbox.tryEmail) expect(new Set(found?.providers), email).toEqual(new Set(EMAIL_PROVIDERS.map((p) => p.toUpperCase())));
    }
  });
});

describe('Member.person', () => {
  it('is the person of the e-mail, for every member that has one, and null for members without (every Bird member)', async () => {
    const members = truth.organizations.flatMap((o) => [...(o.members ?? []), ...o.groups.flatMap((g) => g.members)]);
    const bird = members.filter((m) => m.provider === 'BIRD');
    const withEmail = members.filter((m) => m.email !== null);
    const sample = [...bird.slice(0, 5), ...withEmail.filter((_, i) => i % 97 === 0)];
    const data = dataOf(
      await gateway.query<{ nodes: Array<{ id: string; email: string | null; person: { email: string; id: string } | null }> }>(
        'query N($ids: [ID!]!) { nodes(ids: $ids) { ... on Member { id email person { id email } } } }',
        { ids: sample.map((m) => m.id) },
      ),
    );
    for (const node of data.nodes) {
      if (node.email === null) expect(node.person, node.id).toBeNull();
      else expect(node.person?.email, node.id).toBe(normal(node.email));
    }
    const birdIds = new Set(bird.map((m) => m.id));
    const birdNodes = data.nodes.filter((n) => birdIds.has(n.id));
    expect(birdNodes).toHaveLength(Math.min(5, bird.length));
    expect(birdNodes.length).toBeGreaterThan(0);
    expect(birdNodes.every((n) => n.person === null)).toBe(true);
  });
});

describe('a Person id', () => {
  it('round-trips through node(id:) and nodes(ids:), and names the person by their normalised e-mail', async () => {
    const found = await person(widest.email);
    const data = dataOf(
      await gateway.query<{ node: { __typename: string; email: string } | null; nodes: Array<{ __typename: string; email: string } | null> }>(
        'query N($id: ID!) { node(id: $id) { __typename ... on Person { email } } nodes(ids: [$id]) { __typename ... on Person { email } } }',
        { id: found?.id },
      ),
    );
    expect(data.node).toEqual({ __typename: 'Person', email: widest.email });
    expect(data.nodes).toEqual([{ __typename: 'Person', email: widest.email }]);
    expect(Buffer.from(found?.id ?? '', 'base64url').toString('utf8')).toBe(`Person:${JSON.stringify([widest.email])}`);
  });

  it('of an address no one holds is null; a malformed one is BAD_USER_INPUT with no upstream call', async () => {
    const nobody = Buffer.from(`Person:${JSON.stringify(['nobody.at.all@nowhere.example'])}`).toString('base64url');
    expect(dataOf(await gateway.query<{ node: unknown }>('query N($id: ID!) { node(id: $id) { id } }', { id: nobody })).node).toBeNull();
    gateway.clearLogs();
    for (const segments of [['not-an-address'], ['Ada@Example.com'], ['a@b.example', 'extra'], [], ['']]) {
      const id = Buffer.from(`Person:${JSON.stringify(segments)}`).toString('base64url');
      const answer = await gateway.query('query N($id: ID!) { node(id: $id) { id } }', { id });
      expect(answer.errors?.[0]?.extensions?.code, JSON.stringify(segments)).toBe('BAD_USER_INPUT');
    }
    expect(gateway.calls()).toEqual([]);
  });
});
