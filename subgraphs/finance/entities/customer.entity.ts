import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ObjectType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/** Someone a tenant bills; optionally the finance side of a record in the entity subgraph (by id). */
@Entity()
@Index({ properties: ['tenantId', 'name'] })
@ObjectType({ description: 'A customer of the tenant, billed in one currency' })
@Directive('@key(fields: "id")')
export class Customer extends TenantOwnedEntity {
  @Property({ type: 'text' })
  @Field(() => String)
  name!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  email?: string | null;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'ISO 4217 code its invoices are in' })
  currency!: string;

  /**
   * Where the customer is taxed, most general part first: `US-IL-CHI` picks up the rates of
   * `US`, `US-IL` and `US-IL-CHI` for a product's tax category.
   */
  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Tax jurisdiction, e.g. DE or US-IL-CHI; rates of its prefixes apply too' })
  taxJurisdiction?: string | null;

  /** The entity subgraph's record this customer is, when linked; resolved by the gateway through `record`. */
  @Property({ type: 'uuid', nullable: true })
  entityRecordId?: string | null;
}
