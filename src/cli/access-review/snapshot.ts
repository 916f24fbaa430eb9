// The snapshot file: its format (version 1), the membership record, their one sort order, and reading one back.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { UsageError } from './errors.js';

export const SNAPSHOT_FORMAT = 'teamgraph-access-review';
export const SNAPSHOT_VERSION = 1;

const idName = { id: z.string().min(1), externalId: z.string().min(1), name: z.string() };

const membershipSchema = z.strictObject({
  /** The normalised e-mail; `PROVIDER:memberId` where the provider gave none (such members are never joined). */
  person: z.string().min(1),
  email: z.string().min(1).nullable(),
  provider: z.string().min(1),
  organization: z.strictObject(idName),
  /** Null for an organization-level membership. */
  group: z.strictObject({ ...idName, kind: z.enum(['TEAM', 'USER_GROUP']) }).nullable(),
  role: z.string().min(1).nullable(),
  status: z.string().min(1),
  memberId: z.string().min(1),
  /** The Member id: what removeMembers takes to act on a finding. */
  memberGlobalId: z.string().min(1),
  userId: z.string().nullable(),
  displayName: z.string().nullable(),
});

const coverageSchema = z.strictObject({
  id: z.string().min(1),
  groupKind: z.enum(['TEAM', 'USER_GROUP']),
  /** False where the provider's API lists no organization members (Bird): only group memberships are covered. */
  organizationMembers: z.boolean(),
});

const snapshotSchema = z.strictObject({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  takenAt: z.iso.datetime(),
  durationMs: z.number().int().nonnegative(),
  /** The gateway's origin (scheme, host, port): never a path, a query string or a key. */
  source: z.string().min(1),
  /** The providers covered, in the gateway's order; `providerFilter` says whether --provider chose them. */
  providers: z.array(coverageSchema),
  providerFilter: z.array(z.string()).nullable(),
  counts: z.strictObject({
    organizations: z.number().int().nonnegative(),
    groups: z.number().int().nonnegative(),
    memberships: z.number().int().nonnegative(),
    people: z.number().int().nonnegative(),
  }),
  memberships: z.array(membershipSchema),
});

export type Membership = z.infer<typeof membershipSchema>;
export type ProviderCoverage = z.infer<typeof coverageSchema>;
export type Snapshot = z.infer<typeof snapshotSchema>;

/** Trimmed and lower-cased; null for no e-mail (or a blank one). */
export function normaliseEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** Who a membership is of: the e-mail, or the provider and its member id where the provider gave no e-mail. */
export function personKey(email: string | null, provider: string, memberId: string): string {
  return email ?? `${provider}:${memberId}`;
}

/** One membership's identity across snapshots: the provider's own path to it. */
export function membershipKey(m: Membership): string {
  return [m.provider, m.organization.externalId, m.group?.externalId ?? '', m.memberId].join('\u0000');
}

/** Code-unit order: the same on every machine, whatever its locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The one order of memberships: by person, then provider, organization, group (organization level first), member. */
export function compareMemberships(a: Membership, b: Membership): number {
  return (
    compareText(a.person, b.person) ||
    compareText(a.provider, b.provider) ||
    compareText(a.organization.externalId, b.organization.externalId) ||
    compareText(a.group?.externalId ?? '', b.group?.externalId ?? '') ||
    compareText(a.memberId, b.memberId)
  );
}

/** A snapshot file read and checked whole: a UsageError naming the file and the first problem otherwise. */
export function readSnapshot(path: string): Snapshot {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : 'not readable'}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not JSON (${error instanceof Error ? error.message.split('\n')[0] : 'unreadable'}): is it an access-review snapshot?`);
  }
  const header = json as { format?: unknown; version?: unknown } | null;
  if (typeof header !== 'object' || header === null || header.format !== SNAPSHOT_FORMAT) {
    throw new UsageError(`${path} is not an access-review snapshot (no "format": "${SNAPSHOT_FORMAT}")`);
  }
  if (header.version !== SNAPSHOT_VERSION) {
    throw new UsageError(`${path} has snapshot format version ${JSON.stringify(header.version)}; this tool reads version ${SNAPSHOT_VERSION}`);
  }
  const parsed = snapshotSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the top level';
    throw new UsageError(`${path} is not a valid snapshot: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  const snapshot = parsed.data;
  const seen = new Set<string>();
  for (const [index, membership] of snapshot.memberships.entries()) {
    const key = membershipKey(membership);
    if (seen.has(key)) throw new UsageError(`${path} is not a valid snapshot: memberships.${index} repeats an earlier membership`);
    seen.add(key);
  }
  if (snapshot.counts.memberships !== snapshot.memberships.length) {
    throw new UsageError(
      `${path} is not a valid snapshot: counts.memberships says ${snapshot.counts.memberships}, the file holds ${snapshot.memberships.length}`,
    );
  }
  return snapshot;
}

/**
 * The snapshot as written: the header indented, then one membership per line, so a text diff of two snapshot files
 * (or a review of one in git) reads one line per membership.
 */
export function snapshotJson(snapshot: Snapshot): string {
  const { memberships, ...header } = snapshot;
  const head = JSON.stringify(header, null, 2).slice(0, -2);
  const rows = memberships.map((m) => `    ${JSON.stringify(m)}`).join(',\n');
  return `${head},\n  "memberships": [${rows ? `\n${rows}\n  ` : ''}]\n}\n`;
}
