import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { EntityRecord } from '../entities/entity-record.entity.js';
import { RecordLink } from '../entities/record-link.entity.js';
import { RelationType } from '../entities/relation-type.entity.js';
import { CreateRelationTypeInput, LinkDirection, LinkRecordsInput, TraverseInput } from '../inputs/record-link.input.js';
import { relatedKey, type EntityLoaders } from '../loaders/entity.loaders.js';
import * as links from '../services/record-link.service.js';
import { traverse } from '../services/record-traversal.service.js';

type Ctx = RequestContext<EntityLoaders>;

@ObjectType({ description: 'A record reached by a traversal' })
export class TraversalHit {
  @Field(() => EntityRecord)
  record!: EntityRecord;

  @Field(() => Int, { description: 'Hops from the start, along the shortest path' })
  depth!: number;

  @Field(() => [ID], { description: 'The links of that path, in order' })
  path!: string[];
}

@Resolver(() => RelationType)
export class RelationTypeResolver {
  @Authorized('entity:type:read')
  @Query(() => [RelationType], { description: "The caller tenant's relation types" })
  relationTypes(@Ctx() ctx: Ctx): Promise<RelationType[]> {
    return links.listRelationTypes(ctx);
  }

  @Authorized('entity:type:write')
  @Mutation(() => RelationType)
  createRelationType(@Ctx() ctx: Ctx, @Arg('input', () => CreateRelationTypeInput) input: CreateRelationTypeInput): Promise<RelationType> {
    return links.createRelationType(ctx, input);
  }

  @Authorized('entity:type:write')
  @Mutation(() => Boolean, { description: 'CONFLICT while links of the type exist' })
  deleteRelationType(@Ctx() ctx: Ctx, @Arg('name', () => String) name: string): Promise<boolean> {
    return links.deleteRelationType(ctx, name);
  }
}

@Resolver(() => RecordLink)
export class RecordLinkResolver {
  @Authorized('entity:record:write')
  @Mutation(() => RecordLink, { description: 'Links two records as a relation type allows (CONFLICT beyond its cardinality)' })
  linkRecords(@Ctx() ctx: Ctx, @Arg('input', () => LinkRecordsInput) input: LinkRecordsInput): Promise<RecordLink> {
    return links.linkRecords(ctx, input);
  }

  @Authorized('entity:record:write')
  @Mutation(() => RecordLink, { description: "Replaces a link's properties" })
  updateLink(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string, @Arg('properties', () => GraphQLJSON) properties: Record<string, unknown>): Promise<RecordLink> {
    return links.updateLink(ctx, id, properties);
  }

  @Authorized('entity:record:write')
  @Mutation(() => Boolean)
  unlink(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<boolean> {
    return links.unlink(ctx, id);
  }

  @Authorized('entity:record:read')
  @Query(() => [TraversalHit], { description: 'Records reachable from one within N hops, nearest first, in one query' })
  traverse(@Ctx() ctx: Ctx, @Arg('input', () => TraverseInput) input: TraverseInput): Promise<TraversalHit[]> {
    return traverse(ctx, input);
  }

  @FieldResolver(() => EntityRecord, { nullable: true, description: 'Null while the record is in the bin' })
  from(@Root() link: RecordLink, @Ctx() ctx: Ctx): Promise<EntityRecord | null> {
    return ctx.loaders.recordById.load(link.fromId);
  }

  @FieldResolver(() => EntityRecord, { nullable: true, description: 'Null while the record is in the bin' })
  to(@Root() link: RecordLink, @Ctx() ctx: Ctx): Promise<EntityRecord | null> {
    return ctx.loaders.recordById.load(link.toId);
  }
}

@Resolver(() => EntityRecord)
export class RecordRelationsResolver {
  @FieldResolver(() => [EntityRecord], { description: 'Records linked to this one by a relation type, in either direction (batched for whole lists)' })
  related(
    @Root() record: EntityRecord,
    @Ctx() ctx: Ctx,
    @Arg('relation', () => String) relation: string,
    @Arg('direction', () => LinkDirection, { defaultValue: LinkDirection.OUT }) direction: LinkDirection,
  ): Promise<EntityRecord[]> {
    return ctx.loaders.related.load(relatedKey(record.id, relation, direction));
  }
}
