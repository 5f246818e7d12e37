import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum BulkRowStatus {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
  FAILED = 'FAILED',
}
registerEnumType(BulkRowStatus, { name: 'BulkRowStatus', description: 'What a bulk call did with one row' });

@ObjectType({ description: 'Why a row failed: the field at fault (as `data.<field>`, or `id`) and the error code a single write would give' })
export class BulkRowError {
  @Field()
  field!: string;

  @Field()
  message!: string;

  @Field({ description: 'BAD_USER_INPUT, CONFLICT or NOT_FOUND' })
  code!: string;
}

@ObjectType({ description: 'The outcome of one row of a bulk call, by its index in the input' })
export class BulkRowResult {
  @Field(() => Int)
  index!: number;

  @Field(() => ID, { nullable: true, description: 'The record written; null when a create failed' })
  id!: string | null;

  @Field(() => BulkRowStatus)
  status!: BulkRowStatus;

  @Field(() => [BulkRowError])
  errors!: BulkRowError[];
}

@ObjectType({ description: 'The outcome of a bulk call: one result per input row, in input order' })
export class BulkResult {
  @Field(() => [BulkRowResult])
  results!: BulkRowResult[];

  @Field(() => Int)
  succeeded!: number;

  @Field(() => Int)
  failed!: number;
}
