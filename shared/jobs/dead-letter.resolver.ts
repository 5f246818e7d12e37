import { GraphQLJSON } from 'graphql-scalars';
import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Directive,
  Field,
  GraphQLISODateTime,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
} from 'type-graphql';
import { z } from 'zod';
import { AuditEntry, AuditOperation } from '../audit/audit-entry.entity.js';
import type { RequestContext } from '../context/context.js';
import { requireTenant } from '../context/require-tenant.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../errors/errors.js';
import { MAX_PAGE_SIZE } from '../graphql/pagination.js';
import { jobBackend } from './job-backend.js';
import type { JobData, JobInfo, JobQueue, JobState as QueueJobState } from './job-queue.js';

export enum JobState {
  WAITING = 'waiting',
  ACTIVE = 'active',
  DELAYED = 'delayed',
  COMPLETED = 'completed',
  FAILED = 'failed',
}
registerEnumType(JobState, { name: 'JobState', description: 'Where a background job is in its life' });

/** A dead-lettered job as an admin inspects it; after a replay it reads as the job moves on. */
@ObjectType({ description: 'A background job that used up its attempts (a dead letter), as its tenant admin inspects it' })
@Directive('@shareable')
export class FailedJob {
  @Field(() => ID, { description: 'Unique within its queue' })
  id!: string;

  @Field(() => String, { description: 'The queue it runs on, `<subgraph>.<purpose>`' })
  queue!: string;

  @Field(() => String, { description: 'What the job is; for event consumers the event type, e.g. Invoice.updated' })
  name!: string;

  @Field(() => GraphQLJSON, { description: 'What the job was given' })
  data!: JobData;

  @Field(() => JobState, { description: 'FAILED while dead-lettered; a replayed job moves on from there' })
  state!: JobState;

  @Field(() => Int, { description: 'Tries made since it was queued or last replayed' })
  attemptsMade!: number;

  @Field(() => Int, { description: 'Tries it gets before it is dead-lettered' })
  maxAttempts!: number;

  @Field(() => String, { nullable: true, description: 'The error of its last failed try' })
  failedReason!: string | null;

  @Field(() => [String], { description: 'The stack of each failed try, oldest first' })
  stacktrace!: string[];

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it last failed or completed' })
  finishedAt!: Date | null;
}

@ArgsType()
export class DeadLettersArgs {
  static rules = z.object({ first: z.number().int().min(1).max(MAX_PAGE_SIZE) });

  @Field(() => String, { nullable: true, description: "Only this queue's; every queue of the subgraph otherwise" })
  queue?: string | null;

  @Field(() => Int, { defaultValue: 20, description: `How many, 1 to ${MAX_PAGE_SIZE}` })
  first: number = 20;
}

const STATES: Record<QueueJobState, JobState> = {
  waiting: JobState.WAITING,
  active: JobState.ACTIVE,
  delayed: JobState.DELAYED,
  completed: JobState.COMPLETED,
  failed: JobState.FAILED,
};

function toFailedJob(job: JobInfo): FailedJob {
  return { ...job, state: STATES[job.state] };
}

/** The subgraph's queues an operation may name: its own only, never another subgraph's. */
function queuesOf(subgraph: string, queues: readonly string[]) {
  return (name: string): JobQueue => {
    if (queues.includes(name)) return jobBackend().queue(name);
    const allowed = queues.length ? `its queues are ${queues.join(', ')}` : 'it has no queues';
    throw new BadUserInputError(`unknown queue "${name}" of the ${subgraph} subgraph: ${allowed}`, [
      { field: 'queue', message: `is not one of the ${subgraph} subgraph's queues` },
    ]);
  };
}

/** One of the caller's tenant's jobs; another tenant's is as absent as a missing one. */
async function findTenantJob(ctx: RequestContext, queue: JobQueue, id: string): Promise<JobInfo> {
  const tenantId = requireTenant(ctx);
  const job = await queue.getJob(id);
  if (!job || (job.data.tenantId ?? null) !== tenantId) throw new NotFoundError('Job', id);
  return job;
}

async function listDeadLetters(ctx: RequestContext, queues: JobQueue[], first: number): Promise<FailedJob[]> {
  const tenantId = requireTenant(ctx);
  const lists = await Promise.all(queues.map((queue) => queue.deadLetters({ tenantId, limit: first })));
  const time = (job: JobInfo) => job.finishedAt?.getTime() ?? 0;
  return lists
    .flat()
    .sort((a, b) => time(b) - time(a))
    .slice(0, first)
    .map(toFailedJob);
}

/**
 * Puts a dead letter back with fresh attempts. A replay changes no row, so the audit entry is
 * written here (the outbox subscriber turns it into a `Job.updated` event like any other); it
 * commits only if the job really moved, and the job moves only once the entry is flushed.
 */
async function replayDeadLetter(ctx: RequestContext, queue: JobQueue, id: string): Promise<FailedJob> {
  const job = await findTenantJob(ctx, queue, id);
  const notDead = (state: string) => new ConflictError(`job ${id} of queue ${queue.name} is ${state}, not dead-lettered`);
  if (job.state !== 'failed') throw notDead(job.state);
  await ctx.em.transactional(async (em) => {
    em.create(AuditEntry, {
      tenantId: job.data.tenantId ?? null,
      entityType: 'Job',
      entityId: `${queue.name}:${id}`,
      operation: AuditOperation.UPDATE,
      changes: [
        { field: 'state', oldValue: 'failed', newValue: 'waiting' },
        { field: 'attemptsMade', oldValue: job.attemptsMade, newValue: 0 },
      ],
      actorId: ctx.caller.userId,
      requestId: ctx.requestId,
    });
    await em.flush();
    try {
      await queue.replay(id);
    } catch (err) {
      // Someone replayed it first; anything else (Redis down) is not the caller's conflict.
      const now = await queue.getJob(id);
      if (now && now.state !== 'failed') throw notDead(now.state);
      throw err;
    }
  });
  ctx.log.info(
    { tenantId: job.data.tenantId, actorId: ctx.caller.userId, queue: queue.name, jobId: id, failedReason: job.failedReason },
    'dead-lettered job replayed',
  );
  // As put back, not read again: by the next read a worker may already have taken it.
  return { ...toFailedJob(job), state: JobState.WAITING, attemptsMade: 0, failedReason: null, finishedAt: null };
}

/**
 * The dead-letter operations of one subgraph over its own queues (`<subgraph>.<purpose>`):
 * `<subgraph>DeadLetters`, `<subgraph>DeadLetter` and `replay<Subgraph>DeadLetter`, named so
 * the six compose side by side. Only the caller's tenant's jobs (by `data.tenantId`) are seen.
 */
export function createDeadLetterResolver(subgraph: string, queues: readonly string[]) {
  const permission = `${subgraph}:jobs:admin`;
  const queue = queuesOf(subgraph, queues);
  const title = subgraph.charAt(0).toUpperCase() + subgraph.slice(1);

  @Resolver()
  class DeadLetterResolver {
    @Authorized(permission)
    @Query(() => [FailedJob], {
      name: `${subgraph}DeadLetters`,
      description: `The caller tenant's jobs of the ${subgraph} subgraph's queues that used up their attempts, most recently failed first`,
    })
    deadLetters(@Ctx() ctx: RequestContext, @Args(() => DeadLettersArgs) args: DeadLettersArgs): Promise<FailedJob[]> {
      return listDeadLetters(ctx, args.queue ? [queue(args.queue)] : queues.map(queue), args.first);
    }

    @Authorized(permission)
    @Query(() => FailedJob, {
      name: `${subgraph}DeadLetter`,
      description: `One job of the ${subgraph} subgraph's queues in the caller's tenant, as it is now (a replayed one moves on)`,
    })
    async deadLetter(
      @Ctx() ctx: RequestContext,
      @Arg('queue', () => String) queueName: string,
      @Arg('id', () => ID) id: string,
    ): Promise<FailedJob> {
      return toFailedJob(await findTenantJob(ctx, queue(queueName), id));
    }

    @Authorized(permission)
    @Mutation(() => FailedJob, {
      name: `replay${title}DeadLetter`,
      description:
        'Runs a dead-lettered job again with fresh attempts; audited. Returns the job as put back (WAITING, no attempts made); ' +
        'CONFLICT when it is not dead-lettered',
    })
    replayDeadLetter(
      @Ctx() ctx: RequestContext,
      @Arg('queue', () => String) queueName: string,
      @Arg('id', () => ID) id: string,
    ): Promise<FailedJob> {
      return replayDeadLetter(ctx, queue(queueName), id);
    }
  }
  return DeadLetterResolver;
}
