import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { z } from 'zod';
import { Cardinality } from '../entities/relation-type.entity.js';
import { typeName } from './entity-field.input.js';

export enum LinkDirection {
  OUT = 'OUT',
  IN = 'IN',
}
registerEnumType(LinkDirection, { name: 'LinkDirection', description: 'OUT follows links from the record; IN follows links to it' });

const relationName = z.string().regex(/^[a-z][A-Za-z0-9_]{0,62}$/, 'letters, digits and _, starting with a lower-case letter, at most 63');
const properties = z.record(z.string(), z.unknown(), 'must be a JSON object').refine((p) => JSON.stringify(p).length <= 16_384, 'must be at most 16 KB of JSON');

@InputType({ description: 'A new relation type' })
export class CreateRelationTypeInput {
  static rules = z.object({ name: relationName, inverseName: relationName, fromType: typeName, toType: typeName, cardinality: z.enum(Cardinality) });

  @Field(() => String)
  name!: string;

  @Field(() => String)
  inverseName!: string;

  @Field(() => String)
  fromType!: string;

  @Field(() => String)
  toType!: string;

  @Field(() => Cardinality)
  cardinality!: Cardinality;
}

@InputType({ description: 'A link to make' })
export class LinkRecordsInput {
  static rules = z.object({ relation: relationName, from: z.uuid('is not an id'), to: z.uuid('is not an id'), properties: properties.nullish() });

  @Field(() => String, { description: 'The relation type name' })
  relation!: string;

  @Field(() => ID)
  from!: string;

  @Field(() => ID)
  to!: string;

  @Field(() => GraphQLJSON, { nullable: true })
  properties?: Record<string, unknown> | null;
}

/** Deepest traversal allowed: five hops already reach most of a well-connected graph. */
export const MAX_TRAVERSAL_DEPTH = 5;

@InputType({ description: 'Which records to reach from a start record' })
export class TraverseInput {
  static rules = z.object({
    from: z.uuid('is not an id'),
    maxDepth: z.number().int().min(1).max(MAX_TRAVERSAL_DEPTH),
    relations: z.array(relationName).max(20).nullish(),
    direction: z.enum(LinkDirection),
    type: typeName.nullish(),
  });

  @Field(() => ID)
  from!: string;

  @Field(() => Int, { description: `Hops, 1 to ${MAX_TRAVERSAL_DEPTH}` })
  maxDepth!: number;

  @Field(() => [String], { nullable: true, description: 'Only these relation types (all when absent)' })
  relations?: string[] | null;

  @Field(() => LinkDirection, { defaultValue: LinkDirection.OUT })
  direction: LinkDirection = LinkDirection.OUT;

  @Field(() => String, { nullable: true, description: 'Only return records of this type (links through others are still followed)' })
  type?: string | null;
}
