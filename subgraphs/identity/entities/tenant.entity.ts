import { type Opt } from '@mikro-orm/core';
import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../../shared/orm/base.entity.js';

/** An organisation: the unit of isolation for every tenant-owned row in the supergraph. */
@Entity()
@ObjectType({ description: 'An organisation using the platform' })
@Directive('@key(fields: "id")')
export class Tenant extends BaseEntity {
  @Property({ type: 'text' })
  @Field()
  name!: string;

  @Property({ type: 'text', unique: true })
  @Field({ description: 'URL-safe unique handle' })
  slug!: string;

  @Property({ type: 'text', default: 'free' })
  @Field(() => String, { description: 'Pricing plan; sets the rate-limit budgets' })
  plan: Opt<string> = 'free';

  /** A tenant's own changes belong to itself in the audit trail. */
  auditTenantId(): string {
    return this.id;
  }
}
