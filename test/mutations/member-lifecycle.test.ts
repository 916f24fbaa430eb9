// setMemberRole (GitBook) and createMember/updateMember/deleteMember/disconnectMember (GoodAccess), unsupported elsewhere at no cost.
import { beforeEach, afterEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { PROVIDER_IDS } from '../../src/providers/catalog.js';
import type { GoodAccessSimulator } from '../../src/sandbox/goodaccess/index.js';
import { dataOf, gatewayForFile, type GraphQLAnswer } from '../support/gateway.js';
import { ERROR_FIELDS, groupId, groupMembers, organizationId, organizationMembers, payload, plan, type ErrorShape } from './support.js';

// Every test here changes membership: each starts from the seeded world.
const g = gatewayForFile({}, { resetEach: true });

const MEMBER = 'member { id memberId displayName username role }';
const SET_ROLE = `mutation($input: SetMemberRoleInput!) { setMemberRole(input: $input) { ${ERROR_FIELDS} ... on SetMemberRoleSuccess { ${MEMBER} clientMutationId } } }`;
const CREATE = `mutation($input: CreateMemberInput!) { createMember(input: $input) { ${ERROR_FIELDS} ... on CreateMemberSuccess { ${MEMBER} } } }`;
const UPDATE = `mutation($input: UpdateMemberInput!) { updateMember(input: $input) { ${ERROR_FIELDS} ... on UpdateMemberSuccess { ${MEMBER} } } }`;
const DELETE = `mutation($input: DeleteMemberInput!) { deleteMember(input: $input) { ${ERROR_FIELDS} ... on DeleteMemberSuccess { deletedMemberId organization { id } } } }`;
const DISCONNECT = `mutation($input: DisconnectMemberInput!) { disconnectMember(input: $input) { ${ERROR_FIELDS} ... on DisconnectMemberSuccess { ${MEMBER} } } }`;

interface MemberPayload extends ErrorShape {
  member?: { id: string; memberId: string; displayName: string | null; username: string | null; role: string | null };
  clientMutationId?: string | null;
}

const goodaccess = () => g.sandbox.servers.goodaccess.simulator as GoodAccessSimulator;

describe('setMemberRole', () => {
  it('GitBook: sets a team role; the payload and a later read show it', async () => {
    const group = await groupId(g, 'GITBOOK', 'Legal', 'Acme Documentation');
    const target = (await groupMembers(g, group)).find((m) => m.role === 'MEMBER')!;
    const result = payload<MemberPayload>(await g.query(SET_ROLE, { input: { memberId: target.id, role: 'OWNER', clientMutationId: 'r1' } }));
    expect(result).toMatchObject({ __typename: 'SetMemberRoleSuccess', clientMutationId: 'r1', member: { memberId: target.memberId, role: 'OWNER' } });
    expect(plan(g.calls('GITBOOK')).filter((c) => c.startsWith('PUT'))).toEqual(['PUT /v1/orgs/{organizationId}/teams/{teamId}/members/{userId} 204']);
    const after = (await groupMembers(g, group)).find((m) => m.memberId === target.memberId);
    expect(after?.role).toBe('OWNER');
  });

  it('GitBook: an organization-level member id is a ValidationError before any call', async () => {
    const [someone] = await organizationMembers(g, await organizationId(g, 'GITBOOK', 'Acme Documentation'));
    g.clearLogs();
    const result = payload<MemberPayload>(await g.query(SET_ROLE, { input: { memberId: someone!.id, role: 'OWNER' } }));
    expect(result).toMatchObject({ __typename: 'ValidationError', path: ['input', 'memberId'] });
    expect(g.calls()).toHaveLength(0);
  });
});

describe('GoodAccess member lifecycle', () => {
  let consoleSpies: MockInstance[] = [];
  const printed = () => JSON.stringify(consoleSpies.flatMap((spy) => spy.mock.calls));
  beforeEach(() => {
    consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((name) => vi.spyOn(console, name));
  });
  afterEach(() => consoleSpies.forEach((spy) => spy.mockRestore()));

  it('creates, renames, re-passwords, disconnects and deletes a member; the password is never seen again', async () => {
    const secret = 'Sup3r-Secret-Passw0rd!';
    const newSecret = 'An0ther-Secret-Passw0rd?';
    const org = await organizationId(g, 'GOODACCESS');
    const answers: Array<GraphQLAnswer<unknown>> = [];
    const traced = async (text: string, input: Record<string, unknown>) => {
      const answer = await g.query<Record<string, MemberPayload>>(text, { input }, { 'x-teamgraph-trace': '1' });
      answers.push(answer);
      return payload<MemberPayload>(answer);
    };

    const created = await traced(CREATE, { organizationId: org, name: 'Ada Lovelace', password: secret });
    expect(created).toMatchObject({ __typename: 'CreateMemberSuccess', member: { displayName: 'Ada Lovelace' } });
    const id = created.member!.id;
    const memberId = created.member!.memberId;
    expect(goodaccess().state.members.get(memberId)?.password).toBe(secret);
    expect((await organizationMembers(g, org)).some((m) => m.memberId === memberId)).toBe(true);

    const renamed = await traced(UPDATE, { memberId: id, name: 'Ada King', password: newSecret });
    expect(renamed).toMatchObject({ __typename: 'UpdateMemberSuccess', member: { memberId, displayName: 'Ada King' } });
    expect(goodaccess().state.members.get(memberId)?.password).toBe(newSecret);

    // A second member with the same name is a ConflictError; a short password a ValidationError: neither echoes the password.
    const clash = await traced(CREATE, { organizationId: org, name: 'Ada King', password: secret });
    expect(clash).toMatchObject({ __typename: 'ConflictError', provider: 'GOODACCESS' });
    const short = await traced(UPDATE, { memberId: id, password: 'abc1' });
    expect(short).toMatchObject({ __typename: 'ValidationError', provider: 'GOODACCESS' });

    goodaccess().openSession(memberId);
    g.clearLogs();
    const disconnected = await traced(DISCONNECT, { memberId: id });
    expect(disconnected).toMatchObject({ __typename: 'DisconnectMemberSuccess', member: { memberId } });
    expect(goodaccess().activeSessions(memberId)).toBe(0);
    expect(plan(g.calls('GOODACCESS'))[0]).toBe('POST /api/v1/member/{teamMemberId}/disconnect 200');

    const deleted = await traced(DELETE, { memberId: id, clientMutationId: 'd1' });
    expect(deleted).toMatchObject({ __typename: 'DeleteMemberSuccess', deletedMemberId: id });
    expect((await organizationMembers(g, org)).some((m) => m.memberId === memberId)).toBe(false);
    const twice = await traced(DELETE, { memberId: id });
    expect(twice).toMatchObject({ __typename: 'NotFoundError', provider: 'GOODACCESS' });

    // Nowhere: not in a response (payloads, errors, traces), not in the simulators' request logs, not on the console.
    const everything = [JSON.stringify(answers), JSON.stringify(g.logs()), printed()].join('\n');
    expect(answers.every((a) => (a.extensions as { upstream?: unknown } | undefined)?.upstream !== undefined)).toBe(true);
    for (const value of [secret, newSecret, 'abc1']) expect(everything).not.toContain(value);
  });

  it('a short password refused by the provider is reported without the password, with a GraphQL error body too', async () => {
    const org = await organizationId(g, 'GOODACCESS');
    const answer = await g.query(CREATE, { input: { organizationId: org, name: 'Short Pw', password: 'tiny-pw' } });
    expect(JSON.stringify(answer)).not.toContain('tiny-pw');
    expect(dataOf(answer)).toMatchObject({ createMember: { __typename: 'ValidationError' } });
  });

  it('a missing field is a ValidationError with its path, never a GraphQL error that prints the input (and its password)', async () => {
    const org = await organizationId(g, 'GOODACCESS');
    g.clearLogs();
    const answer = await g.query<Record<string, MemberPayload>>(CREATE, { input: { organizationId: org, password: 'Leaky-Secret-123' } });
    expect(JSON.stringify(answer)).not.toContain('Leaky-Secret-123');
    expect(payload<MemberPayload>(answer)).toMatchObject({ __typename: 'ValidationError', path: ['input', 'name'] });
    const noOrg = payload<MemberPayload>(await g.query(CREATE, { input: { name: 'X', password: 'Leaky-Secret-123' } }));
    expect(noOrg).toMatchObject({ __typename: 'ValidationError', path: ['input', 'organizationId'] });
    const noMember = await g.query<Record<string, MemberPayload>>(UPDATE, { input: { password: 'Leaky-Secret-123' } });
    expect(JSON.stringify(noMember)).not.toContain('Leaky-Secret-123');
    expect(payload<MemberPayload>(noMember)).toMatchObject({ __typename: 'ValidationError', path: ['input', 'memberId'] });
    expect(g.calls()).toHaveLength(0);
  });

  it('input is checked before any call: no fields to update, an empty name', async () => {
    const [someone] = await organizationMembers(g, await organizationId(g, 'GOODACCESS'));
    g.clearLogs();
    const nothing = payload<MemberPayload>(await g.query(UPDATE, { input: { memberId: someone!.id } }));
    expect(nothing).toMatchObject({ __typename: 'ValidationError', path: ['input'] });
    const empty = payload<MemberPayload>(await g.query(UPDATE, { input: { memberId: someone!.id, name: '   ' } }));
    expect(empty).toMatchObject({ __typename: 'ValidationError', path: ['input', 'name'] });
    expect(g.calls()).toHaveLength(0);
  });
});

describe('UnsupportedOperationError costs no upstream call', () => {
  /** A Member id each provider has: from its first group with members. */
  async function someMember(provider: (typeof PROVIDER_IDS)[number]): Promise<string> {
    const names: Record<string, [string, string?]> = {
      GOODACCESS: ['Sales'],
      GITBOOK: ['Design', 'Acme Documentation'],
      BIRD: ['Design'],
      CHECKMARX: ['QA'],
      CLOUDFLARE: ['Marketing'],
    };
    const [name, org] = names[provider]!;
    return (await groupMembers(g, await groupId(g, provider, name, org)))[0]!.id;
  }

  for (const provider of PROVIDER_IDS) {
    it(`${provider}: every mutation it cannot do names the provider and the operation`, async () => {
      const member = await someMember(provider);
      const org = await organizationId(g, provider);
      const cases: Array<[string, string, Record<string, unknown>]> = [
        ['setMemberRole', SET_ROLE, { memberId: member, role: 'OWNER' }],
        ['createMember', CREATE, { organizationId: org, name: 'Nobody', password: 'never-sent-1' }],
        ['updateMember', UPDATE, { memberId: member, name: 'Nobody' }],
        ['deleteMember', DELETE, { memberId: member }],
        ['disconnectMember', DISCONNECT, { memberId: member }],
      ];
      const expected =
        provider === 'GITBOOK'
          ? ['createMember', 'updateMember', 'deleteMember', 'disconnectMember']
          : provider === 'GOODACCESS'
            ? ['setMemberRole']
            : cases.map((c) => c[0]);
      for (const [operation, text, input] of cases.filter((c) => expected.includes(c[0]))) {
        g.clearLogs();
        const result = payload<ErrorShape>(await g.query(text, { input }));
        expect(result, operation).toMatchObject({ __typename: 'UnsupportedOperationError', provider, operation });
        expect(g.calls(), operation).toHaveLength(0);
      }
    });
  }

  it('an OWNER role where groups have no roles is unsupported too, and sends nothing', async () => {
    const group = await groupId(g, 'BIRD', 'Design');
    g.clearLogs();
    const answer = await g.query<{ addMembers: ErrorShape }>(`mutation($input: AddMembersInput!) { addMembers(input: $input) { ${ERROR_FIELDS} } }`, {
      input: { groupId: group, members: [{ userId: '00000000-0000-4000-8000-000000000001' }], role: 'OWNER' },
    });
    expect(dataOf(answer).addMembers).toMatchObject({ __typename: 'UnsupportedOperationError', provider: 'BIRD', operation: 'addMembers' });
    expect(g.calls()).toHaveLength(0);
  });
});
