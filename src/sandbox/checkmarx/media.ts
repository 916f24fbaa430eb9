// Checkmarx's versioned media types: `application/json;v=1.0` on Accept (reads) and Content-Type (writes).
import type { SimRequest } from '../core/types.js';
import { cxError, MessageCode } from './errors.js';

export const VERSIONED_JSON = 'application/json;v=1.0; charset=utf-8';
const SUPPORTED_VERSIONS = new Set(['1.0', '1']);
const JSON_RANGES = new Set(['application/json', 'application/*', '*/*']);

interface MediaRange {
  type: string;
  version: string | undefined;
}

function header(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function parseRanges(value: string): MediaRange[] {
  return value
    .split(',')
    .map((part) => part.split(';').map((piece) => piece.trim()))
    .filter((pieces) => pieces[0] !== '')
    .map(([type = '', ...params]) => {
      const v = params.find((p) => p.toLowerCase().startsWith('v='));
      return { type: type.toLowerCase(), version: v?.slice(2).replace(/^"|"$/g, '') };
    });
}

/**
 * Accept: fine when absent, when no range is about JSON (ASP.NET formats JSON anyway), or when some JSON
 * range names no version or 1.0. [infer] A JSON range naming only other versions (v=2.0) gets 406.
 */
function checkAccept(req: SimRequest): void {
  const value = header(req, 'accept');
  if (!value) return;
  const json = parseRanges(value).filter((range) => JSON_RANGES.has(range.type));
  if (json.length === 0) return;
  if (json.some((range) => range.version === undefined || SUPPORTED_VERSIONS.has(range.version))) return;
  throw cxError(406, `API version ${json[0]?.version ?? ''} is not supported; this server serves v=1.0`, MessageCode.notAcceptable);
}

/**
 * Content-Type on writes: absent (a body-less POST or DELETE), `application/json` or `application/json;v=1.0`.
 * [infer] Another version gets 406, like Accept; a body in another media type gets 415.
 */
function checkContentType(req: SimRequest): void {
  const value = header(req, 'content-type');
  if (!value) return;
  const [range] = parseRanges(value);
  if (!range) return;
  if (range.type !== 'application/json') {
    if (req.bodyText.trim() === '') return;
    throw cxError(415, `Content-Type ${range.type} is not supported; send application/json;v=1.0`, MessageCode.unsupportedMediaType);
  }
  if (range.version !== undefined && !SUPPORTED_VERSIONS.has(range.version)) {
    throw cxError(406, `API version ${range.version} is not supported; this server accepts v=1.0`, MessageCode.notAcceptable);
  }
}

/** Throws the 406/415 a request's media types earn; reads check Accept, writes also Content-Type. */
export function checkMediaTypes(req: SimRequest): void {
  checkAccept(req);
  if (req.method !== 'GET') checkContentType(req);
}
