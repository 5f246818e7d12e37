import { Entity, Enum, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

export enum MeterAggregation {
  SUM = 'SUM',
  COUNT = 'COUNT',
  MAX = 'MAX',
  UNIQUE_COUNT = 'UNIQUE_COUNT',
}
registerEnumType(MeterAggregation, { name: 'MeterAggregation', description: "How a period's usage events become one quantity: SUM of values, COUNT of events, MAX value, UNIQUE_COUNT of uniqueKeys" });

/** Something metered (API calls, GB stored, active seats); a metered price bills its quantity. */
@Entity({ tableName: 'meter' })
@Unique({ properties: ['tenantId', 'key'] })
@ObjectType('Meter', { description: 'Something metered, billed by metered prices' })
export class Meter extends TenantOwnedEntity {
  @Property({ type: 'text' })
  @Field(() => String, { description: 'What usage events name, e.g. api_calls' })
  key!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  name!: string;

  @Enum({ items: () => MeterAggregation })
  @Field(() => MeterAggregation)
  aggregation!: MeterAggregation;
}
