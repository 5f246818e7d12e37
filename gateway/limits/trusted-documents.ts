import type { ApolloServerPlugin } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { OperationNotTrustedError } from '../../shared/errors/errors.js';
import type { Logger } from '../../shared/logger/logger.js';

/*
 * An optional safelist: the gateway runs only operations from a manifest of trusted documents (an
 * Apollo persisted query manifest, as `generate-persisted-query-manifest` writes for a client), or
 * in `log` mode runs everything and names what is not in it, to roll the list out safely. Clients
 * may send a trusted document's hash alone (`extensions.persistedQuery.sha256Hash`): the manifest
 * seeds the persisted query cache. HTTP, WebSocket and SSE operations are all checked.
 */

export interface TrustedDocuments {
  mode: 'enforce' | 'log';
  /** Operation text by its SHA-256 (hex). */
  byHash: ReadonlyMap<string, string>;
}

const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(z.object({ id: z.string().regex(/^[0-9a-f]{64}$/), name: z.string().optional(), type: z.string().optional(), body: z.string().min(1) })),
});

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The documents of a manifest; an entry whose id is not its body's SHA-256 is refused. */
export function parseTrustedDocuments(manifest: unknown, mode: TrustedDocuments['mode']): TrustedDocuments {
  const parsed = manifestSchema.parse(manifest);
  const byHash = new Map<string, string>();
  for (const operation of parsed.operations) {
    if (sha256(operation.body) !== operation.id) throw new Error(`trusted document ${operation.name ?? operation.id}: its id is not the SHA-256 of its body`);
    byHash.set(operation.id, operation.body);
  }
  return { mode, byHash };
}

export async function loadTrustedDocuments(path: string, mode: TrustedDocuments['mode']): Promise<TrustedDocuments> {
  return parseTrustedDocuments(JSON.parse(await readFile(path, 'utf8')), mode);
}

/** Whether `source` may run; in log mode always, naming the untrusted ones. */
export function admits(docs: TrustedDocuments, source: string, log: Logger): boolean {
  const hash = sha256(source);
  if (docs.byHash.has(hash)) return true;
  if (docs.mode === 'log') {
    log.warn({ operationHash: hash }, 'operation not in the trusted documents (log mode: run anyway)');
    return true;
  }
  return false;
}

/** Puts every trusted document in the persisted query cache, so a client can send its hash alone. */
export async function seedPersistedQueries(docs: TrustedDocuments, cache: KeyValueCache<string>): Promise<void> {
  for (const [hash, body] of docs.byHash) await cache.set(`apq:${hash}`, body, { ttl: null });
}

/** Refuses (403, OPERATION_NOT_TRUSTED) an HTTP operation that is not trusted, before it is planned. */
export function trustedDocumentsPlugin(docs: TrustedDocuments, log: Logger): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ source }) {
          if (!admits(docs, source, log)) throw new OperationNotTrustedError();
        },
      };
    },
  };
}
