import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';

/**
 * One search someone ran, for search analytics: written by the search itself with one plain
 * insert (not through the unit of work: logging a read must not audit and publish an event per
 * keystroke); `recordSearchClick` sets the click fields through the ORM, audited like any change.
 */
@Entity({ tableName: 'search_query' })
@Index({ properties: ['tenantId', 'createdAt'] })
@ObjectType('SearchQueryLog', { description: 'A search that was run, and the result opened from it if reported' })
export class SearchQuery {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'uuid', nullable: true })
  userId?: string | null;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The text as typed, trimmed; empty for a browse without text' })
  text!: string;

  @Property({ type: 'jsonb' })
  filters!: Record<string, unknown>;

  @Property({ type: 'integer' })
  @Field(() => Int)
  resultCount!: number;

  @Property({ type: 'double precision' })
  latencyMs!: number;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  clickedKind?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  clickedRefId?: string | null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: '1-based position of the clicked result' })
  clickedPosition?: number | null;

  @Property({ type: 'datetime', nullable: true })
  clickedAt?: Date | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  @Field(() => GraphQLISODateTime)
  createdAt: Date = new Date();
}
