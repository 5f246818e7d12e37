import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../shared/errors/errors.js';
import { enqueue } from '../../../shared/jobs/background-job.js';
import type { Logger } from '../../../shared/logger/logger.js';
import { engineFor } from '../engine/engine-for.js';
import { ReindexStatus, SearchReindex } from '../entities/search-reindex.entity.js';
import { reindexJob } from '../jobs/reindex.job.js';
import type { SearchLoaders } from '../loaders/search.loaders.js';
import { INDEX_SOURCES, readerOf, sourceOfKind, type IndexSource } from './index-sources.js';

type Ctx = RequestContext<SearchLoaders>;

/** Queues a rebuild of the caller tenant's index, of one followed kind or of all of them. */
export async function startReindex(ctx: Ctx, kind: string | null): Promise<SearchReindex> {
  const tenantId = requireTenant(ctx);
  if (kind && !sourceOfKind(kind)) {
    throw new BadUserInputError(`kind ${kind} is not followed`, [{ field: 'kind', message: `must be one of ${INDEX_SOURCES.map((s) => s.kind).join(', ')}` }]);
  }
  const running = await ctx.em.count(SearchReindex, { status: { $in: [ReindexStatus.QUEUED, ReindexStatus.RUNNING] } });
  if (running) throw new ConflictError('a reindex of this tenant is already queued or running');
  const reindex = ctx.em.create(SearchReindex, { tenantId, kind });
  await ctx.em.flush();
  await enqueue(reindexJob, { tenantId, reindexId: reindex.id });
  return reindex;
}

export async function getReindex(ctx: Ctx, id: string): Promise<SearchReindex> {
  requireTenant(ctx);
  const reindex = await ctx.em.findOne(SearchReindex, { id });
  if (!reindex) throw new NotFoundError('SearchReindex', id);
  return reindex;
}

/**
 * Reads every thing of the kinds from their subgraphs page by page, indexes each, removes
 * entries whose thing is gone, and (for a full reindex) rebuilds the typo lexicon. Progress is
 * kept on the row (things read of the total) and reported to the job as a percentage.
 */
export async function runReindex(em: EntityManager, reindexId: string, log: Logger, progress: (percent: number) => Promise<void>): Promise<void> {
  const reindex = await em.findOneOrFail(SearchReindex, { id: reindexId });
  const scope = { em, tenantId: reindex.tenantId };
  const engine = engineFor(reindex.tenantId);
  const sources = reindex.kind ? [sourceOfKind(reindex.kind)!] : INDEX_SOURCES;
  reindex.status = ReindexStatus.RUNNING;
  await em.flush();
  try {
    const totals = new Map<IndexSource, number>();
    for (const source of sources) {
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page = await source.page(after, readerOf(source, reindex.tenantId));
        totals.set(source, page.totalCount);
        reindex.total = sources.reduce((sum, s) => sum + (totals.get(s) ?? 0), 0);
        for (const node of page.items) {
          const refId = source.idOf(node);
          seen.push(refId);
          await engine.upsert(scope, { kind: source.kind, refId, ...source.toThing(node) }, null);
        }
        reindex.processed += page.items.length;
        await em.flush();
        await progress(reindex.total ? Math.min(99, Math.floor((reindex.processed / reindex.total) * 100)) : 0);
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      reindex.removed += await engine.removeAllBut(scope, source.kind, seen);
      log.info({ kind: source.kind, read: seen.length, processed: reindex.processed, total: reindex.total }, 'search reindex: kind done');
    }
    if (!reindex.kind) await engine.rebuildLexicon(scope);
    em.assign(reindex, { status: ReindexStatus.COMPLETED, finishedAt: new Date() });
    await em.flush();
    await progress(100);
  } catch (error) {
    em.assign(reindex, { status: ReindexStatus.FAILED, error: error instanceof Error ? error.message : String(error), finishedAt: new Date() });
    await em.flush();
    throw error;
  }
}
