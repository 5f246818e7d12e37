import { observeJob } from '../telemetry/metrics.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { JobBackend, JobWorker } from '../jobs/job-queue.js';
import type { Logger } from '../logger/logger.js';
import { TENANT_FILTER } from '../orm/init-orm.js';
import type { EventConsumer, EventJobData } from './event-consumer.js';
import { runOnce } from './run-once.js';

/**
 * Runs a subgraph's consumers in this process. Each event is handled in a transaction on a
 * fresh EntityManager scoped to the event's tenant, with the event's correlation id on the
 * log lines and audit rows it causes.
 */
export function startEventWorkers(
  consumers: readonly EventConsumer[],
  orm: MikroORM,
  jobs: JobBackend,
  log: Logger,
  concurrency = 4,
): JobWorker[] {
  return consumers.map((consumer) =>
    jobs.queue<EventJobData>(consumer.name).process(
      (job) => observeJob(consumer.name, async () => {
        const { event } = job.data;
        const em = orm.em.fork();
        em.setFilterParams(TENANT_FILTER, { tenantId: event.tenantId });
        em.setLoggerContext({ requestId: event.correlationId, actorId: null, tenantId: event.tenantId });
        const eventLog = log.child({ consumer: consumer.name, eventId: event.id, requestId: event.correlationId });
        const prepared = await consumer.prepare?.(event, eventLog);
        const handled = await runOnce(em, consumer.name, event.id, (tx) => consumer.handle(event, { em: tx, log: eventLog, job, prepared }));
        if (!handled) eventLog.debug('event already handled; skipped');
      }),
      { concurrency },
    ),
  );
}
