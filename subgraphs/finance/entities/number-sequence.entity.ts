import { type Opt } from '@mikro-orm/core';
import { Entity, Property, Unique } from '@mikro-orm/decorators/legacy';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/**
 * The last number a tenant gave out of one series (invoices, quotes, credit notes). Taken FOR
 * UPDATE in the transaction that uses the next one, so concurrent issuers queue on the row and
 * a rolled-back issue gives its number back: gap-free and duplicate-free.
 */
@Entity()
@Unique({ properties: ['tenantId', 'series'] })
export class NumberSequence extends TenantOwnedEntity {
  @Property({ type: 'text' })
  series!: string;

  @Property({ type: 'integer' })
  last: Opt<number> = 0;
}
