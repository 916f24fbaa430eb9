// Reads and checks request bodies: a JSON object, names that are non-empty strings, passwords of 8+ characters.
import { SimError, type SimRequest } from '../core/types.js';

/** [infer] the API documents no validation; these rules are the project's: each 400 names the field. */
export const MIN_PASSWORD_LENGTH = 8;

export function objectBody(req: SimRequest): Record<string, unknown> {
  const body = req.json();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new SimError(400, 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

/** A present `name` must be a non-empty string; returns it trimmed, or undefined when absent and optional. */
export function nameField(body: Record<string, unknown>, required: boolean): string | undefined {
  const value = body.name;
  if (value === undefined || value === null) {
    if (required) throw new SimError(400, "The field 'name' is required.");
    return undefined;
  }
  if (typeof value !== 'string') throw new SimError(400, "The field 'name' must be a string.");
  const name = value.trim();
  if (name === '') throw new SimError(400, "The field 'name' must not be empty.");
  return name;
}

/** Never echoes the value: a password must not travel back in any response. */
export function passwordField(body: Record<string, unknown>, required: boolean): string | undefined {
  const value = body.password;
  if (value === undefined || value === null) {
    if (required) throw new SimError(400, "The field 'password' is required.");
    return undefined;
  }
  if (typeof value !== 'string') throw new SimError(400, "The field 'password' must be a string.");
  if (value.length < MIN_PASSWORD_LENGTH) {
    throw new SimError(400, `The field 'password' must be at least ${MIN_PASSWORD_LENGTH} characters long.`);
  }
  return value;
}

export function booleanField(body: Record<string, unknown>, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new SimError(400, `The field '${field}' must be a boolean.`);
  return value;
}
