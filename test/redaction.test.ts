// Invalid input is reported without echoing it: a password sent in a malformed input never comes back in an error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startGateway, type GatewayHarness } from './support/gateway.js';

const SECRET = 'Tr0ub4dor-and-3';
const CREATE = 'mutation ($input: CreateMemberInput!) { createMember(input: $input) { __typename } }';

let gateway: GatewayHarness;
let organizationId: string;
beforeAll(async () => {
  gateway = await startGateway();
  const answer = await gateway.query<{ organizations: { edges: Array<{ node: { id: string } }> } }>(
    '{ organizations(first: 1, provider: GOODACCESS) { edges { node { id } } } }',
  );
  organizationId = dataOf(answer).organizations.edges[0]!.node.id;
});
afterAll(async () => {
  await gateway?.stop();
});

describe('input errors', () => {
  it('name the unknown field and its path, without the value that held a password', async () => {
    gateway.clearLogs();
    const answer = await gateway.query(CREATE, { input: { organizationId, name: 'Eve', password: SECRET, nickname: 'eve' } });
    expect(JSON.stringify(answer)).not.toContain(SECRET);
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors![0]!.message).toBe(
      'Variable "$input" got invalid value; Field "nickname" is not defined by type "CreateMemberInput". Did you mean "name"?',
    );
    expect(gateway.calls()).toHaveLength(0);
  });

  it('say which field has the wrong type, without the value', async () => {
    const asVariable = await gateway.query(CREATE, { input: { organizationId, name: 'Eve', password: 73519264 } });
    expect(JSON.stringify(asVariable)).not.toContain('73519264');
    expect(asVariable.errors![0]!.message).toBe(
      'Variable "$input" got invalid value at "input.password"; String cannot represent a non string value (not shown)',
    );

    const inline = await gateway.query(
      `mutation { createMember(input: { organizationId: "${organizationId}", name: "Eve", password: 73519264 }) { __typename } }`,
    );
    expect(JSON.stringify(inline)).not.toContain('73519264');
    expect(inline.errors![0]!.message).toBe('String cannot represent a non string value (not shown)');
    expect(gateway.calls()).toHaveLength(0);
  });

  it('leave other messages whole', async () => {
    const answer = await gateway.query('{ providers { nope } }');
    expect(answer.errors![0]!.message).toMatch(/Cannot query field "nope" on type "Provider"/);
  });
});
