// Two snapshots compared: memberships granted, revoked and changed (role, status, e-mail), as sorted lines and a summary.
import { UsageError } from './errors.js';
import { compareMemberships, compareText, type Membership, membershipKey, type Snapshot } from './snapshot.js';

export type ChangeKind = 'GRANTED' | 'REVOKED' | 'CHANGED';

export interface Change {
  kind: ChangeKind;
  /** The membership as the new snapshot has it (the old one's for REVOKED). */
  membership: Membership;
  /** For CHANGED: each field that differs, old then new. */
  fields: Array<{ field: 'role' | 'status' | 'email'; from: string | null; to: string | null }>;
}

export interface SnapshotDiff {
  changes: Change[];
  granted: number;
  revoked: number;
  changed: number;
}

const KIND_ORDER: Record<ChangeKind, number> = { GRANTED: 0, REVOKED: 1, CHANGED: 2 };

/** Snapshots of different providers would report a whole provider as granted or revoked: refused instead. */
function checkComparable(before: Snapshot, after: Snapshot): void {
  const ids = (s: Snapshot) =>
    s.providers
      .map((p) => p.id)
      .sort(compareText)
      .join(', ');
  if (ids(before) !== ids(after)) {
    throw new UsageError(
      `the snapshots cover different providers (old: ${ids(before) || 'none'}; new: ${ids(after) || 'none'}): take both with the same --provider`,
    );
  }
}

export function diffSnapshots(before: Snapshot, after: Snapshot): SnapshotDiff {
  checkComparable(before, after);
  const old = new Map(before.memberships.map((m) => [membershipKey(m), m]));
  const changes: Change[] = [];
  for (const membership of after.memberships) {
    const key = membershipKey(membership);
    const previous = old.get(key);
    old.delete(key);
    if (!previous) {
      changes.push({ kind: 'GRANTED', membership, fields: [] });
      continue;
    }
    const fields: Change['fields'] = [];
    if (previous.role !== membership.role) fields.push({ field: 'role', from: previous.role, to: membership.role });
    if (previous.status !== membership.status) fields.push({ field: 'status', from: previous.status, to: membership.status });
    if (previous.email !== membership.email) fields.push({ field: 'email', from: previous.email, to: membership.email });
    if (fields.length > 0) changes.push({ kind: 'CHANGED', membership, fields });
  }
  for (const membership of old.values()) changes.push({ kind: 'REVOKED', membership, fields: [] });
  changes.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareMemberships(a.membership, b.membership));
  const count = (kind: ChangeKind) => changes.filter((c) => c.kind === kind).length;
  return { changes, granted: count('GRANTED'), revoked: count('REVOKED'), changed: count('CHANGED') };
}

/** Names in quotes, escaped as JSON: provider data with a quote or a line break still makes one unambiguous line. */
const quoted = (text: string) => JSON.stringify(text);

/** Where the membership is: `team "Security" in "Acme Documentation"`, or `organization "Acme Corporation"`. */
function place(m: Membership): string {
  const organization = quoted(m.organization.name);
  if (!m.group) return `organization ${organization}`;
  return `${m.group.kind === 'TEAM' ? 'team' : 'user group'} ${quoted(m.group.name)} in ${organization}`;
}

function state(m: Membership): string {
  return m.role ? `role ${m.role}, status ${m.status}` : `status ${m.status}`;
}

export function changeLine(change: Change): string {
  const m = change.membership;
  const head = `${change.kind.padEnd(7)} ${m.person} ${m.provider} ${place(m)}`;
  if (change.kind !== 'CHANGED') return `${head} (${state(m)})`;
  return `${head}: ${change.fields.map((f) => `${f.field} ${f.from ?? 'none'} -> ${f.to ?? 'none'}`).join(', ')}`;
}

export function summaryLine(diff: SnapshotDiff, before: Snapshot, after: Snapshot): string {
  const sides = `old: ${before.counts.memberships} memberships taken ${before.takenAt}; new: ${after.counts.memberships} taken ${after.takenAt}`;
  if (diff.changes.length === 0) return `No changes (${sides}).`;
  const total = diff.changes.length;
  return `${total} change${total === 1 ? '' : 's'}: ${diff.granted} granted, ${diff.revoked} revoked, ${diff.changed} changed (${sides}).`;
}
