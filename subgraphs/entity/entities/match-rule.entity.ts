import { Entity, Enum, Index, Property } from '@mikro-orm/decorators/legacy';
import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

export enum MatchKind {
  EXACT = 'EXACT',
  EMAIL = 'EMAIL',
  PHONE = 'PHONE',
  FUZZY = 'FUZZY',
}
registerEnumType(MatchKind, {
  name: 'MatchKind',
  description: 'EXACT: equal values; EMAIL: equal ignoring case and spaces; PHONE: equal digits; FUZZY: trigram similarity of at least the threshold',
});

/** One way two records of a type count as likely duplicates: a field compared by a kind of match. */
@Entity({ tableName: 'match_rule' })
@Index({ properties: ['tenantId', 'type'] })
@ObjectType('MatchRule', { description: 'A rule saying when two records of a type are likely duplicates' })
export class MatchRule extends TenantOwnedEntity {
  @Property({ type: 'text' })
  @Field(() => String)
  type!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The data field compared' })
  field!: string;

  @Enum({ items: () => MatchKind })
  @Field(() => MatchKind)
  kind!: MatchKind;

  @Property({ type: 'double' })
  @Field(() => Float, { description: 'For FUZZY: the least similarity (0..1) that counts; 1 for the others' })
  threshold!: number;
}
