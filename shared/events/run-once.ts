import type { EntityManager } from '@mikro-orm/postgresql';
import { ProcessedEvent } from './processed-event.entity.js';

/**
 * Runs `effect` for (consumer, event) at most once: the marker row and the effect commit
 * together, and a second delivery finds the marker and returns false. Concurrent deliveries
 * race on the primary key; the loser rolls back with nothing done.
 */
export async function runOnce(
  em: EntityManager,
  consumer: string,
  eventId: string,
  effect: (em: EntityManager) => Promise<void>,
): Promise<boolean> {
  return em.transactional(async (tx) => {
    const inserted = await tx
      .createQueryBuilder(ProcessedEvent)
      .insert({ consumer, eventId })
      .onConflict(['consumer', 'eventId'])
      .ignore()
      .execute('run');
    if (!inserted.affectedRows) return false;
    await effect(tx);
    return true;
  });
}
