import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { ListOf, PageArgs } from '../../../shared/graphql/pagination.js';
import { EntityField } from '../entities/entity-field.entity.js';
import { EntityType } from '../entities/entity-type.entity.js';
import { CreateEntityTypeInput } from '../inputs/create-entity-type.input.js';
import { DeprecateEntityFieldArgs, EntityFieldArgs, RenameEntityFieldArgs } from '../inputs/entity-field.args.js';
import { EntityFieldInput } from '../inputs/entity-field.input.js';
import type { EntityLoaders } from '../loaders/entity.loaders.js';
import * as types from '../services/entity-type.service.js';

type Ctx = RequestContext<EntityLoaders>;

@ObjectType({ description: 'A page of entity types' })
export class EntityTypeList extends ListOf(EntityType) {}

@Resolver(() => EntityType)
export class EntityTypeResolver {
  @Authorized('entity:type:read')
  @Query(() => EntityTypeList, { description: "The caller tenant's entity types, newest first" })
  entityTypes(@Ctx() ctx: Ctx, @Args(() => PageArgs) page: PageArgs): Promise<EntityTypeList> {
    return types.listEntityTypes(ctx, page);
  }

  @Authorized('entity:type:read')
  @Query(() => EntityType)
  entityType(@Ctx() ctx: Ctx, @Arg('name', () => String) name: string): Promise<EntityType> {
    return types.getEntityType(ctx, name);
  }

  @Authorized('entity:type:write')
  @Mutation(() => EntityType, { description: 'Defines a type; records whose type is its name are validated from then on' })
  createEntityType(@Ctx() ctx: Ctx, @Arg('input', () => CreateEntityTypeInput) input: CreateEntityTypeInput): Promise<EntityType> {
    return types.createEntityType(ctx, input);
  }

  @Authorized('entity:type:write')
  @Mutation(() => EntityType, {
    description: "Adds a field. A required one is refused while records lack it, unless it has a default, which is written into them",
  })
  addEntityField(
    @Ctx() ctx: Ctx,
    @Arg('type', () => String) type: string,
    @Arg('input', () => EntityFieldInput) input: EntityFieldInput,
  ): Promise<EntityType> {
    return types.addEntityField(ctx, type, input);
  }

  @Authorized('entity:type:write')
  @Mutation(() => EntityType, { description: "Renames a field and moves its value in every existing record" })
  renameEntityField(@Ctx() ctx: Ctx, @Args(() => RenameEntityFieldArgs) args: RenameEntityFieldArgs): Promise<EntityType> {
    return types.renameEntityField(ctx, args.type, args.name, args.newName);
  }

  @Authorized('entity:type:write')
  @Mutation(() => EntityType, { description: 'Keeps a field readable in records but refuses new values for it' })
  deprecateEntityField(@Ctx() ctx: Ctx, @Args(() => DeprecateEntityFieldArgs) args: DeprecateEntityFieldArgs): Promise<EntityType> {
    return types.deprecateEntityField(ctx, args.type, args.name, args.reason);
  }

  @Authorized('entity:type:write')
  @Mutation(() => EntityType, { description: 'Removes a field and its value from every existing record' })
  removeEntityField(@Ctx() ctx: Ctx, @Args(() => EntityFieldArgs) args: EntityFieldArgs): Promise<EntityType> {
    return types.removeEntityField(ctx, args.type, args.name);
  }

  @FieldResolver(() => [EntityField], { description: 'In the order they were added, deprecated ones included' })
  fields(@Root() type: EntityType, @Ctx() ctx: Ctx): Promise<EntityField[]> {
    return ctx.loaders.fieldsByType.load(type.id);
  }
}
