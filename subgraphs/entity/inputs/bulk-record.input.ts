import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';

/** Rows one bulk call takes: 10,000 fit the gateway's body limit and one transaction comfortably. */
export const MAX_BULK_ROWS = 10_000;

export enum BulkMode {
  ALL_OR_NOTHING = 'ALL_OR_NOTHING',
  PER_ROW = 'PER_ROW',
}
registerEnumType(BulkMode, {
  name: 'BulkMode',
  description: 'ALL_OR_NOTHING: any failing row fails the call (BAD_USER_INPUT naming each row and field) and nothing is written. PER_ROW: valid rows are written, failing rows are reported.',
});

/*
 * No zod `rules` on these: the global input hook would fail the whole call for one bad row,
 * while PER_ROW must report it as that row's failure. The service checks each row instead.
 */
@InputType({ description: "One record's new data in a bulk update" })
export class BulkUpdateRow {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLJSON, { description: 'A JSON object' })
  data!: Record<string, unknown>;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: "Shallow-merge data into the record's top-level keys instead of replacing it" })
  merge?: boolean | null;
}
