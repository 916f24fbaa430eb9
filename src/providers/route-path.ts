// Builds request paths from route templates, encoding every parameter so that an id is data, never a path.

/** A path ready to send, and the template it came from (for logs and traces: no ids in it). */
export interface RoutePath {
  /** `/v1/orgs/{organizationId}/teams`: what observers, logs and traces see. */
  readonly route: string;
  /** `/v1/orgs/acme%2F1/teams`: what goes on the wire. */
  readonly path: string;
}

/**
 * Encodes one path segment. encodeURIComponent leaves `.` alone, and a lone `.` or `..` segment would be
 * collapsed by any URL normaliser on the way, so those are percent-encoded too.
 */
function encodePathSegment(value: string): string {
  const encoded = encodeURIComponent(value);
  return encoded === '.' || encoded === '..' ? encoded.replaceAll('.', '%2E') : encoded;
}

/** `routePath('/teams/{teamId}/members', { teamId: 'a/b' })` gives path `/teams/a%2Fb/members`. */
export function routePath(template: string, params: Readonly<Record<string, string | number>> = {}): RoutePath {
  const used = new Set<string>();
  const path = template.replace(/\{([A-Za-z0-9_]+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`routePath: no value for {${name}} in ${template}`);
    used.add(name);
    return encodePathSegment(String(value));
  });
  for (const name of Object.keys(params)) {
    if (!used.has(name)) throw new Error(`routePath: ${template} has no {${name}}`);
  }
  return { route: template, path };
}
