// What the offboarding tests share: the mutation, choosing a person from the sandbox company's data, and the plan the simulators' own state implies.
import { expect } from 'vitest';
import { PROVIDER_IDS } from '../../src/providers/catalog.js';
import type { ProviderId } from '../../src/providers/types.js';
import type { Sandbox, SandboxProvider } from '../../src/sandbox/index.js';
import { ERROR_FIELDS, payload, type ErrorShape } from '../mutations/support.js';
import { SIMULATOR, type GatewayHarness } from '../support/gateway.js';

export const OFFBOARD = `mutation Offboard($input: OffboardPersonInput!) {
  offboardPerson(input: $input) {
    ${ERROR_FIELDS}
    ... on OffboardPersonSuccess {
      email
      dryRun
      clientMutationId
      summary { planned done alreadyDone failed unsupported accessRemoved }
      changes {
        provider action status
        organization { id }
        group { id name externalId }
        member { id memberId }
        error { ${ERROR_FIELDS} }
      }
    }
  }
}`;

export interface OffboardChangeShape {
  provider: ProviderId;
  action: string;
  status: string;
  organization: { id: string } | null;
  group: { id: string; name: string; externalId: string } | null;
  member: { id: string; memberId: string } | null;
  error: ErrorShape | null;
}

export interface OffboardPayload extends ErrorShape {
  email?: string;
  dryRun?: boolean;
  clientMutationId?: string | null;
  summary?: { planned: number; done: number; alreadyDone: number; failed: number; unsupported: number; accessRemoved: boolean };
  changes?: OffboardChangeShape[];
}

export async function offboard(g: GatewayHarness, input: Record<string, unknown>, headers: Record<string, string> = {}): Promise<OffboardPayload> {
  return payload<OffboardPayload>(await g.query<Record<string, OffboardPayload>>(OFFBOARD, { input }, headers));
}

/** The Checkmarx password grant is a POST that changes nothing: every other non-GET is a write. */
const TOKEN_ROUTE = '/cxrestapi/auth/identity/connect/token';

/** `METHOD route status` of every write the simulators answered since the logs were last cleared, per simulator. */
export function writes(g: GatewayHarness): Partial<Record<SandboxProvider, string[]>> {
  const out: Partial<Record<SandboxProvider, string[]>> = {};
  for (const [name, entries] of Object.entries(g.logs()) as Array<[SandboxProvider, ReturnType<GatewayHarness['logs']>[SandboxProvider]]>) {
    const sent = entries.filter((e) => e.method !== 'GET' && e.route !== TOKEN_ROUTE).map((e) => `${e.method} ${e.route} ${e.status}`);
    if (sent.length > 0) out[name] = sent;
  }
  return out;
}

const providerOf = (simulator: SandboxProvider): ProviderId => PROVIDER_IDS.find((id) => SIMULATOR[id] === simulator) as ProviderId;

/** What the simulators hold for an e-mail, as `PROVIDER organization group` lines (the group's own id; `-` for an organization membership). */
export function accessLines(sandbox: Sandbox, email: string): string[] {
  return sandbox
    .accessOf(email)
    .map((a) => `${providerOf(a.provider)} ${a.organizationId ?? '-'} ${a.group?.id ?? '-'}`)
    .sort();
}

/**
 * A person of the sandbox company to offboard, found in the data: staff with a group membership in every provider
 * that shows e-mails, and accounts in every provider (so Bird's part is there to report). The sandbox's own e-mail
 * to try comes first, when it qualifies.
 */
export function personToOffboard(sandbox: Sandbox, skip: readonly string[] = []): string {
  const candidates = [sandbox.tryEmail, ...sandbox.directory.people.map((p) => p.email)];
  const found = candidates.find((email) => {
    if (skip.includes(email) || sandbox.directory.person(email)?.affiliation !== 'staff') return false;
    const access = sandbox.accessOf(email);
    const everywhere = (Object.values(SIMULATOR) as SandboxProvider[]).every((name) => access.some((a) => a.provider === name));
    const emailProviders = (Object.values(SIMULATOR) as SandboxProvider[]).filter((name) => name !== SIMULATOR.BIRD);
    return everywhere && emailProviders.every((name) => access.some((a) => a.provider === name && a.group));
  });
  if (!found) throw new Error('the sandbox company has no staff member in every provider with a group in each that shows e-mails');
  return found;
}

/**
 * The plan the simulators' state implies, written from the providers' contracts (not from the code under test), as
 * sorted `PROVIDER ACTION STATUS group` lines (the group's own id, `-` for none): every group membership, GoodAccess's sessions and member, GitBook's
 * and Checkmarx's organization membership; Cloudflare documents no removal from an account; Bird shows no e-mails.
 */
export function expectedPlan(sandbox: Sandbox, email: string, status: 'PLANNED' | 'DONE'): string[] {
  const lines: string[] = [];
  const access = sandbox.accessOf(email);
  for (const id of PROVIDER_IDS) {
    const mine = access.filter((a) => a.provider === SIMULATOR[id]);
    if (id === 'BIRD') {
      lines.push('BIRD REMOVE_FROM_GROUP UNSUPPORTED -');
      continue;
    }
    if (mine.length === 0) {
      lines.push(`${id} ${id === 'GOODACCESS' ? 'DELETE_MEMBER' : 'REMOVE_FROM_ORGANIZATION'} ALREADY_DONE -`);
      continue;
    }
    for (const org of new Set(mine.map((a) => a.organizationId))) {
      const inOrg = mine.filter((a) => a.organizationId === org);
      const groups = inOrg.filter((a) => a.group);
      for (const a of groups) lines.push(`${id} REMOVE_FROM_GROUP ${status} ${a.group?.id}`);
      if (groups.length === 0) lines.push(`${id} REMOVE_FROM_GROUP ALREADY_DONE -`);
      for (const _own of inOrg.filter((a) => !a.group)) {
        if (id === 'GOODACCESS') lines.push(`GOODACCESS DISCONNECT_SESSIONS ${status} -`, `GOODACCESS DELETE_MEMBER ${status} -`);
        else if (id === 'CLOUDFLARE') lines.push('CLOUDFLARE REMOVE_FROM_ORGANIZATION UNSUPPORTED -');
        else lines.push(`${id} REMOVE_FROM_ORGANIZATION ${status} -`);
      }
    }
  }
  return lines.sort();
}

/** A payload's changes as the same sorted lines. */
export function changeLines(result: OffboardPayload): string[] {
  return (result.changes ?? []).map((c) => `${c.provider} ${c.action} ${c.status} ${c.group?.externalId ?? '-'}`).sort();
}

const STEP = ['REMOVE_FROM_GROUP', 'DISCONNECT_SESSIONS', 'DELETE_MEMBER', 'REMOVE_FROM_ORGANIZATION'];

/** Changes come provider by provider in the gateway's order, each provider's in the order they are made. */
export function expectOrdered(result: OffboardPayload): void {
  const changes = result.changes ?? [];
  const providers = changes.map((c) => PROVIDER_IDS.indexOf(c.provider));
  expect(providers).toEqual([...providers].sort((a, b) => a - b));
  for (const id of PROVIDER_IDS) {
    const steps = changes.filter((c) => c.provider === id).map((c) => STEP.indexOf(c.action));
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
  }
}
