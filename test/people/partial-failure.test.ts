// A provider down during a person lookup or a people page: its part is an error, with its code; what the others hold still arrives.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../src/providers/types.js';
import { dataOf, startGateway, type GatewayHarness } from '../support/gateway.js';
import { readTruth, type PersonSeen, type Truth } from './truth.js';

let gateway: GatewayHarness;
let truth: Truth;
/** Which provider each Member id the truth saw belongs to. */
let providerOf: Map<string, ProviderId>;

interface PersonAnswer {
  person: {
    email: string;
    displayName: string | null;
    providers: ProviderId[] | null;
    memberships: { totalCount: number | null; edges: Array<{ node: { id: string } | null }> };
  } | null;
}

const PERSON = `query P($email: String!) { person(email: $email) {
  email displayName providers memberships(first: 100) { totalCount edges { node { id } } } } }`;

beforeAll(async () => {
  // Failing calls give up at once and never open a breaker that the next test would meet.
  const http = { retry: { attempts: 1 }, breaker: { failureThreshold: 10_000 } };
  gateway = await startGateway({ http });
  truth = await readTruth(gateway);
  providerOf = new Map(
    truth.organizations.flatMap((o) => [...(o.members ?? []), ...o.groups.flatMap((g) => g.members)].map((m) => [m.id, m.provider] as const)),
  );
});

beforeEach(() => gateway.reset());

afterAll(async () => {
  await gateway?.stop();
});

/**
 * A person Cloudflare holds, also made a GoodAccess member (unless GoodAccess holds them already), so that a provider
 * before Cloudflare holds them whatever the seed: their memberships outside Cloudflare.
 */
async function cloudflarePersonElsewhereToo(): Promise<{ person: PersonSeen; others: string[] }> {
  const person = [...truth.people.values()]
    .filter((p) => p.providers.has('CLOUDFLARE'))
    .sort((a, b) => b.providers.size - a.providers.size || (a.email < b.email ? -1 : 1))[0];
  if (!person) throw new Error('the sandbox has no Cloudflare member with an e-mail');
  const others = [...person.memberships].filter((id) => providerOf.get(id) !== 'CLOUDFLARE');
  if (!person.providers.has('GOODACCESS')) {
    const tenant = truth.organizations.find((o) => o.provider === 'GOODACCESS')?.id;
    const created = await gateway.query<{ createMember: { member?: { id: string } } }>(
      'mutation C($input: CreateMemberInput!) { createMember(input: $input) { ... on CreateMemberSuccess { member { id } } } }',
      { input: { organizationId: tenant, name: person.email, password: 'Sandbox-password-1' } },
    );
    const member = dataOf(created).createMember.member;
    if (!member) throw new Error('createMember made no member');
    others.unshift(member.id);
  }
  return { person, others };
}

describe('Cloudflare answering 503 to everything', () => {
  it('person: the memberships the others hold, then one null edge with its error; providers null with it; the name from an earlier provider', async () => {
    const { person: seen, others } = await cloudflarePersonElsewhereToo();
    gateway.sandbox.servers.cloudflare.faults.add({ kind: 'error', status: 503 });
    const answer = await gateway.query<PersonAnswer>(PERSON, { email: seen.email });
    const person = answer.data?.person;
    const edges = person?.memberships.edges ?? [];
    expect(edges.slice(0, -1).map((e) => e.node?.id)).toEqual(expect.arrayContaining(others));
    expect(edges).toHaveLength(others.length + 1);
    expect(edges.at(-1)?.node).toBeNull();
    expect(person?.providers).toBeNull();
    // The first provider that holds the person was read, so their name still arrives.
    expect(person?.displayName).not.toBeNull();
    expect(answer.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.provider])).toEqual(
      expect.arrayContaining([
        [['person', 'memberships', 'edges', others.length, 'node'], 'PROVIDER_UNAVAILABLE', 'CLOUDFLARE'],
        [['person', 'providers'], 'PROVIDER_UNAVAILABLE', 'CLOUDFLARE'],
      ]),
    );
    expect(answer.errors).toHaveLength(2);
  });

  it('person of someone only Cloudflare might hold: null with the error, not a wrong "no one"', async () => {
    gateway.sandbox.servers.cloudflare.faults.add({ kind: 'error', status: 503 });
    const answer = await gateway.query<PersonAnswer>(PERSON, { email: 'nobody.at.all@nowhere.example' });
    expect(answer.data).toEqual({ person: null });
    expect(answer.errors?.map((e) => e.extensions?.provider)).toEqual(['CLOUDFLARE']);
  });

  it('people: null with the error; filtered to the other providers, whole, and Cloudflare not called', async () => {
    gateway.sandbox.servers.cloudflare.faults.add({ kind: 'error', status: 503 });
    const failed = await gateway.query<{ people: unknown }>('{ people(first: 5) { edges { node { email } } } }');
    expect(failed.data).toEqual({ people: null });
    expect(failed.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.provider])).toEqual([[['people'], 'PROVIDER_UNAVAILABLE', 'CLOUDFLARE']]);

    gateway.clearLogs();
    const others: ProviderId[] = ['GOODACCESS', 'GITBOOK', 'CHECKMARX'];
    const answer = await gateway.query<{ people: { totalCount: number } }>(
      'query P($p: [ProviderId!]) { people(first: 5, filter: { providers: $p }) { totalCount } }',
      {
        p: others,
      },
    );
    const expected = [...truth.people.values()].filter((p) => others.some((id) => p.providers.has(id))).length;
    expect(dataOf(answer).people.totalCount).toBe(expected);
    expect(gateway.calls('CLOUDFLARE')).toEqual([]);
  });
});
