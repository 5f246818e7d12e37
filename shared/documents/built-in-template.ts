import type { Caller } from '../context/caller.js';
import { querySubgraph } from '../server/subgraph-client.js';

/**
 * The id of a template the platform itself renders with (an analytics report, an invoice), made
 * in the caller's tenant by the document subgraph on first use. Templates are the tenant's data,
 * so a tenant may restyle one (publish a new version under the same name) and later documents use it.
 */
export async function builtInTemplateId(caller: Caller, name: string, body: string): Promise<string> {
  const find = async () => (await querySubgraph<{ documentTemplates: { id: string; name: string }[] }>('document', '{ documentTemplates { id name } }', {}, caller)).documentTemplates.find((t) => t.name === name)?.id;
  const found = await find();
  if (found) return found;
  try {
    const created = await querySubgraph<{ createTemplate: { id: string } }>(
      'document',
      'mutation ($input: CreateTemplateInput!) { createTemplate(input: $input) { id } }',
      { input: { name, body } },
      caller,
    );
    return created.createTemplate.id;
  } catch (error) {
    // Another request made it meanwhile (CONFLICT on the name): use that one.
    const raced = await find();
    if (raced) return raced;
    throw error;
  }
}
