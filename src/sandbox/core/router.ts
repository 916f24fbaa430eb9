// Matches a raw request path against route templates, one decoded segment per parameter.
import type { SimRoute } from './types.js';

interface CompiledRoute {
  route: SimRoute;
  segments: Array<{ literal: string } | { param: string }>;
}

export interface RouteMatch {
  route: SimRoute;
  params: Record<string, string>;
}

export type MatchResult = RouteMatch | { methodNotAllowed: true } | { badEncoding: true } | null;

export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(
    routes: readonly SimRoute[],
    private readonly caseInsensitive: boolean,
  ) {
    this.compiled = routes.map((route) => ({
      route,
      segments: split(route.template).map((segment) => {
        const param = /^\{([A-Za-z0-9_]+)\}$/.exec(segment)?.[1];
        return param ? { param } : { literal: this.fold(segment) };
      }),
    }));
  }

  /**
   * Splits the raw path first and decodes each segment after, so `%2F` in an id stays inside its segment;
   * `.` and `..` are never resolved, so an id cannot climb to another route.
   */
  match(method: string, rawPath: string): MatchResult {
    let segments: string[];
    try {
      segments = split(rawPath).map((segment) => decodeURIComponent(segment));
    } catch {
      return { badEncoding: true };
    }
    let pathMatched = false;
    for (const { route, segments: pattern } of this.compiled) {
      if (pattern.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const ok = pattern.every((part, i) => {
        const actual = segments[i] as string;
        if ('literal' in part) return part.literal === this.fold(actual);
        if (actual === '') return false;
        params[part.param] = actual;
        return true;
      });
      if (!ok) continue;
      pathMatched = true;
      if (route.method === method) return { route, params };
    }
    return pathMatched ? { methodNotAllowed: true } : null;
  }

  private fold(segment: string): string {
    return this.caseInsensitive ? segment.toLowerCase() : segment;
  }
}

function split(path: string): string[] {
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '');
  return trimmed === '' ? [] : trimmed.split('/');
}
