// Looking ahead into a query: which fields a value will be asked for, so reads can be planned before the fields resolve.
import { getArgumentValues, isAbstractType, isObjectType, Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The fields selected on the values of `fields` when they are objects of type `typeName`: fragments and inline
 * fragments apply by their type condition (the type itself, or an interface or union it belongs to). Directives
 * are not evaluated, so a field under `@skip` still counts: plans made from this may read more, never less.
 */
export function fieldsOn(info: GraphQLResolveInfo, fields: readonly FieldNode[], typeName: string): FieldNode[] {
  const out: FieldNode[] = [];
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) out.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!selection.typeCondition || applies(info, selection.typeCondition.name.value, typeName)) visit(selection.selectionSet);
      } else {
        const name = selection.name.value;
        const fragment = info.fragments[name];
        // A fragment spread twice is one set of fields.
        if (fragment && !seen.has(name) && applies(info, fragment.typeCondition.name.value, typeName)) {
          seen.add(name);
          visit(fragment.selectionSet);
        }
      }
    }
  };
  for (const field of fields) visit(field.selectionSet);
  return out;
}

/** Whether a type condition covers objects of `typeName`. */
function applies(info: GraphQLResolveInfo, condition: string, typeName: string): boolean {
  if (condition === typeName) return true;
  const abstract = info.schema.getType(condition);
  const object = info.schema.getType(typeName);
  return abstract !== undefined && isAbstractType(abstract) && isObjectType(object) && info.schema.isSubType(abstract, object);
}

/** The fields among `fields` with this name (one per alias or repetition). */
export function named(fields: readonly FieldNode[], name: string): FieldNode[] {
  return fields.filter((field) => field.name.value === name);
}

/** The type a field of an object type returns, by name (unwrapped), as the schema has it. */
function fieldTypeName(info: GraphQLResolveInfo, typeName: string, fieldName: string): string | undefined {
  const type = info.schema.getType(typeName);
  if (!isObjectType(type)) return undefined;
  let output = type.getFields()[fieldName]?.type;
  while (output && 'ofType' in output) output = output.ofType;
  return output?.name;
}

/** The items of connection fields (`edges { node { ... } }`): their type's name and the fields asked of each. */
export interface ConnectionItems {
  typeName: string;
  fields: FieldNode[];
}

function itemsOf(info: GraphQLResolveInfo, connections: readonly FieldNode[], connectionTypeName: string): ConnectionItems | null {
  const edge = fieldTypeName(info, connectionTypeName, 'edges');
  const node = edge && fieldTypeName(info, edge, 'node');
  if (!edge || !node) return null;
  const edges = named(fieldsOn(info, connections, connectionTypeName), 'edges');
  return { typeName: node, fields: fieldsOn(info, named(fieldsOn(info, edges, edge), 'node'), node) };
}

/** The items of the connection fields among `connections` (fields `name` selected on objects of `typeName`). */
export function connectionItemsAt(info: GraphQLResolveInfo, connections: readonly FieldNode[], typeName: string, name: string): ConnectionItems | null {
  const connection = fieldTypeName(info, typeName, name);
  return connection ? itemsOf(info, named(connections, name), connection) : null;
}

/** The items of the connection the current field returns. */
export function connectionItems(info: GraphQLResolveInfo): ConnectionItems | null {
  let type = info.returnType;
  while ('ofType' in type) type = type.ofType;
  return itemsOf(info, info.fieldNodes, type.name);
}

/** A field's arguments with the request's variables applied, as its resolver will get them; null when they do not coerce. */
export function argumentsOf(info: GraphQLResolveInfo, typeName: string, field: FieldNode): Record<string, unknown> | null {
  const type = info.schema.getType(typeName);
  const definition = isObjectType(type) ? type.getFields()[field.name.value] : undefined;
  if (!definition) return null;
  try {
    return getArgumentValues(definition, field, info.variableValues);
  } catch {
    // The field itself will report the mistake when it resolves.
    return null;
  }
}
