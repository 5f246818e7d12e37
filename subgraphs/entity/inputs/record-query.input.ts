import { GraphQLJSON } from 'graphql-scalars';
import { Field, InputType, registerEnumType } from 'type-graphql';

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection' });

export enum NullsOrder {
  FIRST = 'FIRST',
  LAST = 'LAST',
}
registerEnumType(NullsOrder, { name: 'NullsOrder', description: 'Where records without a value sort' });

const FIELD_DESCRIPTION = 'A key of the record data (typed by the entity type when `type` is given) or a system column: id, createdAt, updatedAt, ownerId';

/**
 * A condition on records. A leaf names a `field` and sets one or more operators (all must hold);
 * `and`, `or` and `not` combine conditions, nested as deep as needed. Values are read as the
 * field's kind: numbers as numbers, DECIMAL and CURRENCY (its amountMinor) exactly, DATE and
 * DATETIME as dates; in a type without a definition, as the JSON value given.
 */
@InputType('RecordFilter')
export class RecordFilter {
  @Field(() => String, { nullable: true, description: FIELD_DESCRIPTION })
  field?: string | null;

  @Field(() => GraphQLJSON, { nullable: true })
  eq?: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Not equal; records without a value match' })
  ne?: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  gt?: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  gte?: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  lt?: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  lte?: unknown;

  @Field(() => [GraphQLJSON], { nullable: true })
  in?: unknown[] | null;

  @Field(() => [GraphQLJSON], { nullable: true, description: 'None of these; records without a value match' })
  notIn?: unknown[] | null;

  @Field(() => String, { nullable: true, description: 'Text containing this, case-insensitively' })
  contains?: string | null;

  @Field(() => String, { nullable: true, description: 'Text starting with this (case-sensitive)' })
  startsWith?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: the record holds no value; false: it holds one' })
  isNull?: boolean | null;

  @Field(() => [RecordFilter], { nullable: true, description: 'Every one of these holds' })
  and?: RecordFilter[] | null;

  @Field(() => [RecordFilter], { nullable: true, description: 'At least one of these holds' })
  or?: RecordFilter[] | null;

  @Field(() => RecordFilter, { nullable: true, description: 'This does not hold (records without the value included)' })
  not?: RecordFilter | null;
}

@InputType('RecordOrder')
export class RecordOrder {
  @Field(() => String, { description: FIELD_DESCRIPTION })
  field!: string;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection = SortDirection.ASC;

  @Field(() => NullsOrder, { nullable: true, description: 'Default LAST, whichever the direction' })
  nulls?: NullsOrder | null;
}
