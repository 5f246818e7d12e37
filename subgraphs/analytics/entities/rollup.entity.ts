import { BigIntType } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** An hour of a tenant's facts of one type: the key both roll-up tables share. */
abstract class FactHour {
  @PrimaryKey({ type: 'uuid' })
  tenantId!: string;

  @PrimaryKey({ type: 'text' })
  name!: string;

  @PrimaryKey({ type: 'datetime' })
  hour!: Date;
}

/**
 * Hourly roll-up of a tenant's facts of one type with one set of dimensions: how many, and per
 * measure how many carried it, their sum, min and max. Days, weeks and months add hours up, so
 * one table serves every granularity from HOUR. Written only by the roll-up job (SQL); metrics
 * read it for hours that are not marked dirty and read raw facts for the rest.
 */
@Entity({ tableName: 'fact_rollup' })
export class FactRollup extends FactHour {
  /** The dimension set, and its md5 as part of the key (a jsonb key would not index well). */
  @PrimaryKey({ type: 'text' })
  dimensionsHash!: string;

  @Property({ type: 'jsonb' })
  dimensions!: Record<string, string>;

  @Property({ type: new BigIntType('number') })
  count!: number;

  /** Per measure: { n, sum, min, max }. */
  @Property({ type: 'jsonb' })
  measures!: Record<string, { n: number; sum: number; min: number; max: number }>;
}

/**
 * An hour of a fact type whose roll-up is stale: facts arrived for it after (or since) it was
 * rolled up, late ones included. Marked in the ingesting transaction; cleared by the roll-up job
 * only if not marked again meanwhile (`markedAt` unchanged).
 */
@Entity({ tableName: 'fact_rollup_dirty' })
export class FactRollupDirty extends FactHour {
  @Property({ type: 'datetime' })
  markedAt!: Date;
}
