// Validates the bodies of team create (POST) and update (PATCH), answering 422 naming the field.
import { validationError } from './errors.js';
import { ACCESSIBILITIES, VISIBILITIES, isUuid, type Accessibility, type RoleRef, type Visibility } from './state.js';

export interface TeamInput {
  name?: string;
  description?: string;
  roleRefs?: RoleRef[] | null;
  visibility?: Visibility;
  accessibility?: Accessibility;
}

/** Reads the fields the body has; `requireName` for create, where the name is mandatory. */
export function parseTeamInput(body: Record<string, unknown>, requireName: boolean): TeamInput {
  const input: TeamInput = {};
  if (body.name !== undefined || requireName) {
    if (typeof body.name !== 'string' || body.name.length < 1 || body.name.length > 256) {
      throw validationError('name', 'must be a string of 1 to 256 characters');
    }
    input.name = body.name;
  }
  if (body.description !== undefined) {
    if (typeof body.description !== 'string' || body.description.length > 256) {
      throw validationError('description', 'must be a string of at most 256 characters');
    }
    input.description = body.description;
  }
  if (body.roleRefs !== undefined) input.roleRefs = parseRoleRefs(body.roleRefs);
  // [infer] The create/update bodies in the docs list name, description and roleRefs only; the sandbox
  // also takes visibility and accessibility so every kind of team can be made through the API.
  if (body.visibility !== undefined) {
    if (!VISIBILITIES.includes(body.visibility as Visibility)) {
      throw validationError('visibility', `must be one of ${VISIBILITIES.join(', ')}`);
    }
    input.visibility = body.visibility as Visibility;
  }
  if (body.accessibility !== undefined) {
    if (!ACCESSIBILITIES.includes(body.accessibility as Accessibility)) {
      throw validationError('accessibility', `must be one of ${ACCESSIBILITIES.join(', ')}`);
    }
    input.accessibility = body.accessibility as Accessibility;
  }
  return input;
}

function parseRoleRefs(value: unknown): RoleRef[] | null {
  if (value === null) return null;
  if (!Array.isArray(value)) throw validationError('roleRefs', 'must be an array or null');
  return value.map((item: unknown, i) => {
    const ref = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    if (typeof ref.id !== 'string' || ref.id === '') throw validationError(`roleRefs[${i}].id`, 'must be a non-empty string');
    if (ref.type !== 'organization') throw validationError(`roleRefs[${i}].type`, 'must be organization');
    const workspaces = ref.workspaces ?? [];
    if (!Array.isArray(workspaces) || !workspaces.every(isUuid)) {
      throw validationError(`roleRefs[${i}].workspaces`, 'must be an array of UUIDs');
    }
    return { id: ref.id, type: 'organization', workspaces: workspaces.map((w) => w.toLowerCase()) };
  });
}
