// offboardPerson when a provider fails: the others are applied, and the payload says exactly which changes are DONE and which FAILED, with which typed error.
import { describe, expect, it } from 'vitest';
import { gatewayForFile } from '../support/gateway.js';
import { accessLines, changeLines, expectedPlan, offboard, personToOffboard, writes } from './offboard-support.js';

// One single call at a time, so which call meets a fault that strikes once is known; each test starts from the seeded world.
const g = gatewayForFile({ writeConcurrency: 1 }, { resetEach: true });

const DISCONNECT = '/api/v1/member/{teamMemberId}/disconnect';
const TEAM_USER = '/cxrestapi/auth/Teams/{teamId}/Users/{userId}';
const GITBOOK_MEMBERS = '/v1/orgs/{organizationId}/members';

/** The lines of a plan with one provider's lines replaced. */
function replaced(plan: readonly string[], provider: string, lines: readonly string[]): string[] {
  return [...plan.filter((line) => !line.startsWith(`${provider} `)), ...lines].sort();
}

describe('a provider failing in the middle', () => {
  it('GoodAccess fails to end sessions: its groups are removed, its member is not deleted (not sent), every other provider is applied', async () => {
    const email = personToOffboard(g.sandbox);
    const plan = expectedPlan(g.sandbox, email, 'DONE');
    g.sandbox.servers.goodaccess.faults.add({ kind: 'error', status: 503, match: { method: 'POST', route: DISCONNECT } });
    g.clearLogs();

    const result = await offboard(g, { email });
    const goodaccess = plan.filter((line) => line.startsWith('GOODACCESS REMOVE_FROM_GROUP'));
    expect(changeLines(result)).toEqual(
      replaced(plan, 'GOODACCESS', [...goodaccess, 'GOODACCESS DISCONNECT_SESSIONS FAILED -', 'GOODACCESS DELETE_MEMBER FAILED -']),
    );
    // Both failures carry the error that stopped the provider: unavailable, and known not to have been applied.
    const failed = result.changes?.filter((c) => c.status === 'FAILED') ?? [];
    expect(failed.map((c) => c.error)).toEqual([
      expect.objectContaining({ __typename: 'ProviderUnavailableError', provider: 'GOODACCESS', outcomeUnknown: false }),
      expect.objectContaining({ __typename: 'ProviderUnavailableError', provider: 'GOODACCESS', outcomeUnknown: false }),
    ]);
    expect(failed.every((c) => c.member !== null)).toBe(true);
    const done = plan.filter((line) => line.includes(' DONE ')).length - 2;
    expect(result.summary).toEqual({ planned: 0, done, alreadyDone: 0, failed: 2, unsupported: 2, accessRemoved: false });

    // The disconnect was tried (and retried: it is idempotent); the delete that must follow it was never sent.
    const sent = writes(g);
    expect(sent.goodaccess?.filter((line) => !line.includes('/relation/'))).toEqual(Array(3).fill(`POST ${DISCONNECT} 503`));
    expect(sent.gitbook?.at(-1)).toBe('DELETE /v1/orgs/{organizationId}/members/{userId} 205');
    expect(sent.checkmarx?.at(-1)).toBe('DELETE /cxrestapi/auth/Users/{id} 204');
    // The simulators agree: GoodAccess still has the member (in no group), the others have let the person go.
    const left = accessLines(g.sandbox, email);
    expect(left.filter((line) => line.startsWith('GOODACCESS'))).toEqual(['GOODACCESS - -']);
    expect(left.filter((line) => line.startsWith('GITBOOK') || line.startsWith('CHECKMARX'))).toEqual([]);

    // Once GoodAccess answers again, a second run finishes the job and reports the rest as already done.
    g.sandbox.servers.goodaccess.faults.clear();
    const again = await offboard(g, { email });
    expect(changeLines(again).filter((line) => line.startsWith('GOODACCESS'))).toEqual([
      'GOODACCESS DELETE_MEMBER DONE -',
      'GOODACCESS DISCONNECT_SESSIONS DONE -',
      'GOODACCESS REMOVE_FROM_GROUP ALREADY_DONE -',
    ]);
    expect(again.summary).toMatchObject({ done: 2, failed: 0 });
    expect(accessLines(g.sandbox, email).filter((line) => line.startsWith('GOODACCESS'))).toEqual([]);
  });

  it('a failure about one membership stops nothing else: the Checkmarx user is still deleted', async () => {
    const email = personToOffboard(g.sandbox);
    const plan = expectedPlan(g.sandbox, email, 'DONE');
    const groups = plan.filter((line) => line.startsWith('CHECKMARX REMOVE_FROM_GROUP'));
    // The first team removal meets a 400 (the simulator's refusal of a non-member); the read after it still shows the member.
    g.sandbox.servers.checkmarx.faults.add({ kind: 'error', status: 400, times: 1, match: { method: 'DELETE', route: TEAM_USER } });
    g.clearLogs();

    const result = await offboard(g, { email });
    const checkmarx = result.changes?.filter((c) => c.provider === 'CHECKMARX') ?? [];
    expect(checkmarx.map((c) => `${c.action} ${c.status} ${c.error?.__typename ?? '-'}`)).toEqual([
      'REMOVE_FROM_GROUP FAILED ValidationError',
      ...groups.slice(1).map(() => 'REMOVE_FROM_GROUP DONE -'),
      'REMOVE_FROM_ORGANIZATION DONE -',
    ]);
    expect(changeLines(result).filter((line) => !line.startsWith('CHECKMARX'))).toEqual(plan.filter((line) => !line.startsWith('CHECKMARX')));
    expect(result.summary).toMatchObject({ failed: 1, done: plan.filter((line) => line.includes(' DONE ')).length - 1 });
    expect(writes(g).checkmarx).toEqual([
      `DELETE ${TEAM_USER} 400`,
      ...groups.slice(1).map(() => `DELETE ${TEAM_USER} 204`),
      'DELETE /cxrestapi/auth/Users/{id} 204',
    ]);
    // Deleting the user ended the membership the failed call was about: Checkmarx holds nothing for the person.
    expect(accessLines(g.sandbox, email).filter((line) => line.startsWith('CHECKMARX'))).toEqual([]);
  });

  it('a provider that cannot be read is one FAILED change with its error; nothing is sent to it, the others are applied', async () => {
    const email = personToOffboard(g.sandbox);
    const plan = expectedPlan(g.sandbox, email, 'DONE');
    const before = accessLines(g.sandbox, email).filter((line) => line.startsWith('GITBOOK'));
    g.sandbox.servers.gitbook.faults.add({ kind: 'rateLimit', retryAfter: 120, match: { method: 'GET', route: GITBOOK_MEMBERS } });
    g.clearLogs();

    const result = await offboard(g, { email });
    expect(changeLines(result)).toEqual(replaced(plan, 'GITBOOK', ['GITBOOK REMOVE_FROM_ORGANIZATION FAILED -']));
    const gitbook = result.changes?.find((c) => c.provider === 'GITBOOK');
    expect(gitbook).toMatchObject({ organization: null, member: null, error: { __typename: 'RateLimitedError', provider: 'GITBOOK', retryAfter: 120 } });
    expect(writes(g).gitbook).toBeUndefined();
    expect(accessLines(g.sandbox, email).filter((line) => line.startsWith('GITBOOK'))).toEqual(before);
    expect(accessLines(g.sandbox, email).filter((line) => line.startsWith('GOODACCESS') || line.startsWith('CHECKMARX'))).toEqual([]);
  });
});
