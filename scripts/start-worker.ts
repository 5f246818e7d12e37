/**
 * npm run start:worker [-- <subgraph>…]
 *
 * Runs event consumers and background jobs (subgraph modules' `consumers` and `jobs`) apart from the
 * API processes, so they scale on their own: start as many as the queues need. Needs
 * REDIS_URL (BullMQ); the in-process queue of the embedded default only reaches workers in
 * the same process, which `npm start` already runs. Defaults to every subgraph's.
 */
import { getConfig } from '../shared/config/config.js';
import { startEventWorkers } from '../shared/events/event-workers.js';
import { startBackgroundJobs } from '../shared/jobs/background-job.js';
import { jobBackend } from '../shared/jobs/job-backend.js';
import { serviceLogger } from '../shared/logger/logger.js';
import { databaseTargetFromConfig } from '../shared/orm/database-target.js';
import { initOrm } from '../shared/orm/init-orm.js';
import { onShutdown } from '../shared/server/shutdown.js';
import { SUBGRAPHS, subgraphByName } from '../subgraphs/index.js';

const config = getConfig();
const log = serviceLogger('worker');
if (!config.redisUrl) {
  log.error('a separate worker needs REDIS_URL: without Redis, jobs live inside the process that queued them');
  process.exit(2);
}
const names = process.argv.slice(2);
const modules = (names.length ? names.map(subgraphByName) : Object.values(SUBGRAPHS)).filter((m) => m.consumers?.length || m.jobs?.length);
const database = await databaseTargetFromConfig(config);
const running = await Promise.all(
  modules.map(async (module) => {
    const orm = await initOrm(module, database, serviceLogger(module.name), { migrate: config.migrateOnStart });
    const moduleLog = serviceLogger(module.name);
    const workers = [
      ...startEventWorkers(module.consumers ?? [], orm, jobBackend(), moduleLog),
      ...(await startBackgroundJobs(module.jobs ?? [], orm, jobBackend(), moduleLog)),
    ];
    return { module, orm, workers };
  }),
);
log.info(
  {
    consumers: running.flatMap((r) => (r.module.consumers ?? []).map((c) => c.name)),
    jobs: running.flatMap((r) => (r.module.jobs ?? []).map((j) => j.queue)),
  },
  'worker ready',
);
onShutdown(log, async () => {
  // Workers first: each finishes its current job; unfinished ones are picked up by another worker.
  await Promise.all(running.flatMap((r) => r.workers.map((w) => w.close())));
  await Promise.all(running.map((r) => r.orm.close()));
});
