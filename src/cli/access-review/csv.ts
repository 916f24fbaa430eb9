// The snapshot as CSV (RFC 4180): a header, one row per membership, CRLF line ends, quoted where a field needs it.
import type { Snapshot } from './snapshot.js';

export const CSV_COLUMNS = [
  'person',
  'email',
  'provider',
  'organization_id',
  'organization_name',
  'group_kind',
  'group_id',
  'group_name',
  'role',
  'status',
  'member_id',
  'user_id',
  'display_name',
  'member_global_id',
] as const;

/**
 * One field: quoted (its quotes doubled) when it holds a comma, a quote or a line break. A text a spreadsheet would
 * run as a formula (=, +, -, @ or a tab first: provider data such as a display name is anyone's to choose) gets a
 * leading apostrophe, the OWASP advice for CSV injection.
 */
export function csvField(value: string | null): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function snapshotCsv(snapshot: Snapshot): string {
  const rows = snapshot.memberships.map((m) =>
    [
      m.person,
      m.email,
      m.provider,
      m.organization.externalId,
      m.organization.name,
      m.group?.kind ?? 'ORGANIZATION',
      m.group?.externalId ?? null,
      m.group?.name ?? null,
      m.role,
      m.status,
      m.memberId,
      m.userId,
      m.displayName,
      m.memberGlobalId,
    ]
      .map(csvField)
      .join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
