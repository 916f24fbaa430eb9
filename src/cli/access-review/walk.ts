// The snapshot walk over the public API: providers -> organizations -> groups -> members, every page to its end.
import type { z } from 'zod';
import { ServerError, UsageError } from './errors.js';
import type { GraphQLRequest } from './graphql-client.js';
import {
  GROUPS_FIRST_MEMBERS_QUERY,
  GROUPS_PER_REQUEST,
  GROUPS_QUERY,
  groupsAnswer,
  groupsFirstMembersAnswer,
  MEMBERS_PAGE_QUERY,
  type MemberNode,
  type MemberPage,
  membersPageAnswer,
  ORGANIZATIONS_QUERY,
  organizationsAnswer,
  PROVIDERS_QUERY,
  providersAnswer,
} from './operations.js';
import {
  compareMemberships,
  type Membership,
  membershipKey,
  normaliseEmail,
  personKey,
  type ProviderCoverage,
  type Snapshot,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
} from './snapshot.js';

export interface WalkOptions {
  /** Sends one request; the caller bounds how many run at once. */
  request: GraphQLRequest;
  /** Only these providers; null for every provider the gateway serves. */
  providers: string[] | null;
  /** The gateway's origin, recorded in the snapshot. */
  source: string;
  /** Called after each page of members with the memberships found so far. */
  onMemberships?: (total: number) => void;
}

type Organization = Membership['organization'] & { provider: string };
type Group = NonNullable<Membership['group']>;

/** One request, its answer checked against the shape the walk reads. */
async function ask<S extends z.ZodType>(request: GraphQLRequest, query: string, variables: Record<string, unknown>, shape: S): Promise<z.infer<S>> {
  const answer = await request<unknown>(query, variables);
  const parsed = shape.safeParse(answer);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ServerError(`the gateway answered an unexpected shape at ${issue?.path.join('.') || 'data'}: is it a teamgraph gateway of this version?`);
  }
  return parsed.data;
}

/**
 * A group or organization the walk has just listed that reads as null (deleted meanwhile, or a gateway fault).
 * Leaving it out would show its memberships as revoked in the next diff, so the walk stops instead: run it again.
 */
function vanished(place: string): ServerError {
  return new ServerError(
    `the gateway answered null for ${place}, listed moments before: nothing written, run again (if it persists, the gateway cannot read it)`,
  );
}

/** Follows a connection's pages to the end; a page claiming more with no cursor to continue from is the server's fault. */
async function allPages<T>(
  first: { edges: T[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } },
  next: (after: string) => Promise<typeof first>,
) {
  const items = [...first.edges];
  let page = first;
  while (page.pageInfo.hasNextPage) {
    const after = page.pageInfo.endCursor;
    if (!after) throw new ServerError('the gateway said more pages follow but gave no cursor to continue from');
    page = await next(after);
    items.push(...page.edges);
  }
  return items;
}

export async function walkSnapshot(options: WalkOptions): Promise<Snapshot> {
  const started = Date.now();
  const { request } = options;
  const memberships = new Map<string, Membership>();
  let groupCount = 0;

  const record = (organization: Organization, group: Group | null, nodes: readonly MemberNode[]) => {
    for (const node of nodes) {
      const email = normaliseEmail(node.email);
      const membership: Membership = {
        person: personKey(email, organization.provider, node.memberId),
        email,
        provider: organization.provider,
        organization: { id: organization.id, externalId: organization.externalId, name: organization.name },
        group,
        role: node.role,
        status: node.status,
        memberId: node.memberId,
        memberGlobalId: node.id,
        userId: node.userId,
        displayName: node.displayName,
      };
      // A member the provider moved between pages while they were read is kept once.
      memberships.set(membershipKey(membership), membership);
    }
    options.onMemberships?.(memberships.size);
  };

  const membersPage = async (place: string, nodeId: string, after: string | null, organizationLevel: boolean): Promise<MemberPage> => {
    const { node } = await ask(request, MEMBERS_PAGE_QUERY, { node: nodeId, after }, membersPageAnswer);
    const page = organizationLevel ? node?.organizationMembers : node?.members;
    if (!page) throw vanished(place);
    return page;
  };

  /** The rest of one member list, from the cursor its first page ended on. */
  const restOfMembers = async (place: string, nodeId: string, first: MemberPage, organizationLevel: boolean) =>
    (await allPages(first, (after) => membersPage(place, nodeId, after, organizationLevel))).map((edge) => edge.node);

  const walkGroups = async (organization: Organization, kind: Group['kind']) => {
    const place = `${organization.provider} organization ${JSON.stringify(organization.name)}`;
    const read = (after: string | null) =>
      ask(request, GROUPS_QUERY, { organization: organization.id, after, teams: kind === 'TEAM' }, groupsAnswer).then(({ node }) => {
        const page = kind === 'TEAM' ? node?.teams : node?.userGroups;
        if (!page) throw vanished(place);
        return page;
      });
    const groups: Group[] = (await allPages(await read(null), read)).map(({ node }) => ({ ...node, kind }));
    groupCount += groups.length;
    const batches: Group[][] = [];
    for (let i = 0; i < groups.length; i += GROUPS_PER_REQUEST) batches.push(groups.slice(i, i + GROUPS_PER_REQUEST));
    await Promise.all(
      batches.map(async (batch) => {
        const { nodes } = await ask(request, GROUPS_FIRST_MEMBERS_QUERY, { groups: batch.map((g) => g.id) }, groupsFirstMembersAnswer);
        await Promise.all(
          batch.map(async (group, index) => {
            const where = `${organization.provider} group ${JSON.stringify(group.name)} of ${JSON.stringify(organization.name)}`;
            const first = nodes[index];
            if (!first) throw vanished(where);
            if (first.id !== group.id) throw new ServerError('the gateway answered nodes(ids:) out of order');
            record(organization, group, await restOfMembers(where, group.id, first.members, false));
          }),
        );
      }),
    );
  };

  const walkOrganizationMembers = async (organization: Organization) => {
    const place = `${organization.provider} organization ${JSON.stringify(organization.name)}`;
    const first = await membersPage(place, organization.id, null, true);
    record(organization, null, await restOfMembers(place, organization.id, first, true));
  };

  const { providers: served } = await ask(request, PROVIDERS_QUERY, {}, providersAnswer);
  const unknown = options.providers?.filter((id) => !served.some((p) => p.id === id)) ?? [];
  if (unknown.length > 0) throw new UsageError(`the gateway serves no provider ${unknown.join(', ')} (it serves ${served.map((p) => p.id).join(', ')})`);
  const covered: ProviderCoverage[] = served
    .filter((p) => options.providers === null || options.providers.includes(p.id))
    .map((p) => ({ id: p.id, groupKind: p.capabilities.groupKind, organizationMembers: p.capabilities.organizationMembers }));

  let organizationCount = 0;
  await Promise.all(
    covered.map(async (provider) => {
      const read = (after: string | null) =>
        ask(request, ORGANIZATIONS_QUERY, { provider: provider.id, after }, organizationsAnswer).then((a) => a.organizations);
      const organizations = (await allPages(await read(null), read)).map(({ node }) => node);
      organizationCount += organizations.length;
      await Promise.all(
        organizations.map(async (organization) => {
          await Promise.all([walkGroups(organization, provider.groupKind), provider.organizationMembers ? walkOrganizationMembers(organization) : null]);
        }),
      );
    }),
  );

  const sorted = [...memberships.values()].sort(compareMemberships);
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    takenAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    source: options.source,
    providers: covered,
    providerFilter: options.providers,
    counts: {
      organizations: organizationCount,
      groups: groupCount,
      memberships: sorted.length,
      people: new Set(sorted.map((m) => m.person)).size,
    },
    memberships: sorted,
  };
}
