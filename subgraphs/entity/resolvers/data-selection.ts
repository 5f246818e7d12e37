import { Kind, valueFromASTUntyped, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/*
 * Which keys of record data a list query's selection reads, so the database sends only those:
 * the union of every `data(fields: [...])` under `items` or `edges { node }`; null (whole data)
 * when any `data` there names no fields; [] when data is not selected at all.
 */

function fieldsIn(set: SelectionSetNode | undefined, info: GraphQLResolveInfo, name: string): FieldNode[] {
  if (!set) return [];
  return set.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === name ? [selection] : [];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsIn(selection.selectionSet, info, name);
    const fragment = info.fragments[selection.name.value];
    return fragment ? fieldsIn(fragment.selectionSet, info, name) : [];
  });
}

export function selectedDataKeys(info: GraphQLResolveInfo): string[] | null {
  const lists = info.fieldNodes.map((node) => node.selectionSet);
  const records = [
    ...lists.flatMap((set) => fieldsIn(set, info, 'items')),
    ...lists.flatMap((set) => fieldsIn(set, info, 'edges')).flatMap((edge) => fieldsIn(edge.selectionSet, info, 'node')),
  ];
  const keys = new Set<string>();
  for (const data of records.flatMap((record) => fieldsIn(record.selectionSet, info, 'data'))) {
    const arg = data.arguments?.find((a) => a.name.value === 'fields');
    const value = arg ? (valueFromASTUntyped(arg.value, info.variableValues) as unknown) : null;
    if (!Array.isArray(value)) return null;
    value.forEach((key) => keys.add(String(key)));
  }
  return [...keys];
}
