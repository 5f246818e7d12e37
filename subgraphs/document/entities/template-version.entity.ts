import { Entity, Index, Property, Unique } from '@mikro-orm/decorators/legacy';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/**
 * One published body of a template. Never changed once written (the service has no update, and
 * the database trigger below refuses one): a document records the version it was generated from, so publishing a
 * new version never changes what older documents were made of.
 */
@Entity({
  tableName: 'template_version',
  triggers: [
    {
      name: 'template_version_no_update',
      timing: 'before',
      events: ['update'],
      forEach: 'row',
      body: "raise exception 'template versions are immutable (template %, version %)', old.template_id, old.version;",
    },
  ],
})
@Unique({ properties: ['templateId', 'version'] })
@Index({ properties: ['tenantId', 'templateId'] })
@ObjectType('TemplateVersion', { description: 'An immutable published body of a template' })
export class TemplateVersion extends TenantOwnedEntity {
  @Property({ type: 'uuid' })
  @Field(() => ID)
  templateId!: string;

  @Property({ type: 'integer' })
  @Field(() => Int)
  version!: number;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Handlebars source producing HTML' })
  body!: string;

  @Property({ type: 'json', nullable: true })
  @Field(() => GraphQLJSON, { nullable: true, description: 'The JSON Schema the data must meet (checked before generation and preview)' })
  inputSchema?: Record<string, unknown> | null;
}
