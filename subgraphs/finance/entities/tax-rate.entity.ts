import { type Opt } from '@mikro-orm/core';
import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/** A tax of one jurisdiction on one product category. */
@Entity()
@Index({ properties: ['tenantId', 'category', 'jurisdiction'] })
@ObjectType({ description: 'A tax rate of a jurisdiction for a product category' })
export class TaxRate extends TenantOwnedEntity {
  @Property({ type: 'text' })
  @Field(() => String, { description: 'Shown on invoices, e.g. "VAT 19%"' })
  name!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'e.g. DE, US-IL, US-IL-CHI' })
  jurisdiction!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The product tax category it applies to' })
  category: Opt<string> = 'standard';

  /** Parts per million, so any published rate (8.875%) is exact: 19% is 190000. */
  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Parts per million: 19% is 190000, 8.875% is 88750' })
  ratePpm!: number;

  @Property({ type: 'boolean' })
  @Field(() => Boolean)
  active: Opt<boolean> = true;
}
