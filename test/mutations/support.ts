// Shared helpers of the mutation tests: the documents, finding groups and members through the API, and reading state back.
import { expect } from 'vitest';
import type { ProviderId } from '../../src/providers/types.js';
import type { BirdSimulator } from '../../src/sandbox/bird/index.js';
import type { LoggedRequest } from '../../src/sandbox/core/request-log.js';
import { dataOf, type GatewayHarness, type GraphQLAnswer } from '../support/gateway.js';

export const ERROR_FIELDS = `
  __typename
  ... on Error { message provider }
  ... on ValidationError { path }
  ... on RateLimitedError { retryAfter }
  ... on ProviderUnavailableError { outcomeUnknown }
  ... on UnsupportedOperationError { operation }`;

const CHANGE_FIELDS = `
  changes { status memberId userId email error { ${ERROR_FIELDS} } }
  summary { added alreadyMembers removed notMembers failed }
  clientMutationId`;

export const ADD_MEMBERS = `mutation($input: AddMembersInput!) { addMembers(input: $input) { ${ERROR_FIELDS} ... on AddMembersSuccess { ${CHANGE_FIELDS} } } }`;
export const REMOVE_MEMBERS = `mutation($input: RemoveMembersInput!) { removeMembers(input: $input) { ${ERROR_FIELDS} ... on RemoveMembersSuccess { ${CHANGE_FIELDS} } } }`;
export const SET_MEMBERS = `mutation($input: SetMembersInput!) { setMembers(input: $input) { ${ERROR_FIELDS} ... on SetMembersSuccess { ${CHANGE_FIELDS} } } }`;

export interface ErrorShape {
  __typename: string;
  message?: string;
  provider?: ProviderId | null;
  path?: string[];
  retryAfter?: number | null;
  outcomeUnknown?: boolean;
  operation?: string;
}

export interface ChangeShape {
  status: string;
  memberId: string | null;
  userId: string | null;
  email: string | null;
  error: ErrorShape | null;
}

export interface GroupChangePayload extends ErrorShape {
  group?: { id: string; name: string };
  changes?: ChangeShape[];
  summary?: { added: number; alreadyMembers: number; removed: number; notMembers: number; failed: number };
  clientMutationId?: string | null;
}

/** The one root field of a mutation answer, which must have come back without GraphQL errors. */
export function payload<T>(answer: GraphQLAnswer<Record<string, T>>): T {
  const data = dataOf(answer);
  return Object.values(data)[0] as T;
}

export async function organizationId(g: GatewayHarness, provider: ProviderId, name?: string): Promise<string> {
  const data = dataOf(
    await g.query<{ organizations: { edges: Array<{ node: { id: string; name: string } }> } }>(
      'query($p: ProviderId) { organizations(provider: $p, first: 10) { edges { node { id name } } } }',
      { p: provider },
    ),
  );
  const org = data.organizations.edges.find((e) => name === undefined || e.node.name === name);
  if (!org) throw new Error(`no ${provider} organization ${name ?? ''}`);
  return org.node.id;
}

/** A team or user group's global id, by exact name, in the provider's first (or named) organization. */
export async function groupId(g: GatewayHarness, provider: ProviderId, name: string, orgName?: string): Promise<string> {
  const org = await organizationId(g, provider, orgName);
  const data = dataOf(
    await g.query<{ node: { teams: Connection<{ id: string; name: string }>; userGroups: Connection<{ id: string; name: string }> } }>(
      `query($id: ID!, $name: String) { node(id: $id) { ... on Organization {
        teams(first: 50, name: $name) { edges { node { id name } } }
        userGroups(first: 50, name: $name) { edges { node { id name } } } } } }`,
      { id: org, name },
    ),
  );
  const all = [...data.node.teams.edges, ...data.node.userGroups.edges].map((e) => e.node);
  const group = all.find((g2) => g2.name === name);
  if (!group) throw new Error(`no ${provider} group ${name}`);
  return group.id;
}

interface Connection<T> {
  edges: Array<{ node: T }>;
  pageInfo?: { hasNextPage: boolean; endCursor: string | null };
}

export interface MemberShape {
  id: string;
  memberId: string;
  userId: string | null;
  email: string | null;
  role: string | null;
  status: string;
}

const MEMBER = 'id memberId userId email role status';

/** Every member of a group, read through the API (a fresh request, so what the providers hold now). */
export async function groupMembers(g: GatewayHarness, id: string): Promise<MemberShape[]> {
  const out: MemberShape[] = [];
  let after: string | null = null;
  for (;;) {
    const data: { node: { members: Connection<MemberShape> } } = dataOf(
      await g.query<{ node: { members: Connection<MemberShape> } }>(
        `query($id: ID!, $after: String) { node(id: $id) { ... on MemberGroup { members(first: 100, after: $after) {
          edges { node { ${MEMBER} } } pageInfo { hasNextPage endCursor } } } } }`,
        { id, after },
      ),
    );
    out.push(...data.node.members.edges.map((e) => e.node));
    if (!data.node.members.pageInfo?.hasNextPage) return out;
    after = data.node.members.pageInfo.endCursor;
  }
}

/** Every member of an organization, read through the API. */
export async function organizationMembers(g: GatewayHarness, id: string): Promise<MemberShape[]> {
  const out: MemberShape[] = [];
  let after: string | null = null;
  for (;;) {
    const data: { node: { members: Connection<MemberShape> } } = dataOf(
      await g.query<{ node: { members: Connection<MemberShape> } }>(
        `query($id: ID!, $after: String) { node(id: $id) { ... on Organization { members(first: 100, after: $after) {
          edges { node { ${MEMBER} } } pageInfo { hasNextPage endCursor } } } } }`,
        { id, after },
      ),
    );
    out.push(...data.node.members.edges.map((e) => e.node));
    if (!data.node.members.pageInfo?.hasNextPage) return out;
    after = data.node.members.pageInfo.endCursor;
  }
}

/** Organization members who are not in the group: candidates to add. */
export async function outsiders(g: GatewayHarness, provider: ProviderId, group: string, count: number, orgName?: string): Promise<MemberShape[]> {
  const inGroup = new Set((await groupMembers(g, group)).map((m) => m.memberId));
  const all = await organizationMembers(g, await organizationId(g, provider, orgName));
  const found = all.filter((m) => !inGroup.has(m.memberId)).slice(0, count);
  expect(found.length, `${count} ${provider} members outside the group`).toBe(count);
  return found;
}

/** `METHOD route status` of each upstream call, in order: the exact plan a change ran. */
export function plan(entries: readonly LoggedRequest[]): string[] {
  return entries.map((e) => `${e.method} ${e.route} ${e.status}`);
}

/** Write calls only: what a change sent, beyond its reads. */
export function writes(entries: readonly LoggedRequest[]): LoggedRequest[] {
  return entries.filter((e) => e.method !== 'GET' && !e.route.endsWith('/connect/token'));
}

/**
 * The most requests a simulator was serving at once, from its log: each entry ends when logged and started
 * `ms` earlier; only calls of `route` (a template) when given. Wraps `log.add` of one server until `stop` is called.
 */
export function measureConcurrency(server: { log: { add(entry: Omit<LoggedRequest, 'seq'>): void } }, method: string, route?: string): { stop(): number } {
  const spans: Array<{ start: number; end: number }> = [];
  const original = server.log.add.bind(server.log);
  server.log.add = (entry) => {
    const end = performance.now();
    if (entry.method === method && (route === undefined || entry.route === route)) spans.push({ start: end - entry.ms, end });
    original(entry);
  };
  return {
    stop() {
      server.log.add = original;
      let most = 0;
      for (const span of spans) {
        // Open at this span's midpoint: robust to the millisecond rounding of `ms`.
        const at = (span.start + span.end) / 2;
        most = Math.max(most, spans.filter((s) => s.start < at && s.end > at).length);
      }
      return most;
    },
  };
}

/** Bird lists no organization members: users outside a team come from the simulator's directory. */
export function birdOutsiders(g: GatewayHarness, team: string, count: number): string[] {
  const snapshot = (g.sandbox.servers.bird.simulator as BirdSimulator).snapshot();
  const inTeam = new Set(snapshot.teams.find((t) => t.name === team)!.members.map((m) => m.id));
  return snapshot.userIds.filter((id) => !inTeam.has(id)).slice(0, count);
}
