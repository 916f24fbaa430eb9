// Reading Checkmarx requests: integer path ids, JSON object bodies, integer lists; and the plain responses.
import type { SimRequest, SimResponse } from '../core/types.js';
import { cxError } from './errors.js';

const INT32_MAX = 2_147_483_647;

/** [infer] A path id that is not a positive 32-bit integer is a 400 (ASP.NET model binding), not a 404. */
export function pathId(req: SimRequest, name: string): number {
  const raw = req.params[name] ?? '';
  const value = /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(value) || value > INT32_MAX) {
    throw cxError(400, `The value '${raw.slice(0, 40)}' is not valid for ${name}: expected an integer`);
  }
  return value;
}

export function jsonObject(req: SimRequest): Record<string, unknown> {
  if (req.bodyText.trim() === '') throw cxError(400, 'A request body is required');
  const body = req.json();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw cxError(400, 'The request body must be a JSON object');
  return body as Record<string, unknown>;
}

/** A list of integer ids, deduplicated in first-seen order. */
export function intList(value: unknown, field: string): number[] {
  if (!Array.isArray(value)) throw cxError(400, `${field} is required and must be an array of integers`);
  const ids = value.map((item) => {
    if (typeof item !== 'number' || !Number.isInteger(item) || item < 0 || item > INT32_MAX) {
      throw cxError(400, `${field} must contain integers only; got ${JSON.stringify(item)?.slice(0, 40)}`);
    }
    return item;
  });
  return [...new Set(ids)];
}

export function optionalString(body: Record<string, unknown>, field: string): string | null | undefined {
  const value = body[field];
  if (value === undefined || value === null) return value;
  if (typeof value !== 'string') throw cxError(400, `${field} must be a string`);
  return value;
}

export function requiredString(body: Record<string, unknown>, field: string): string {
  const value = optionalString(body, field);
  if (value === undefined || value === null || value.trim() === '') throw cxError(400, `${field} is required`);
  return value.trim();
}

export const ok = (body: unknown): SimResponse => ({ status: 200, body });
export const noContent = (): SimResponse => ({ status: 204 });
export const created = (location: string): SimResponse => ({ status: 201, headers: { location } });
