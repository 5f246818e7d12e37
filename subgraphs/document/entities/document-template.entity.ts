import { Entity, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/** A named template of a tenant; its bodies are its versions, the newest being the one used by default. */
@Entity({ tableName: 'document_template' })
@Unique({ properties: ['tenantId', 'name'] })
@ObjectType('DocumentTemplate', { description: 'A document template (Handlebars) with published versions' })
export class DocumentTemplate extends TenantOwnedEntity {
  @Property({ type: 'text' })
  @Field(() => String, { description: 'Unique in the tenant' })
  name!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'The newest published version' })
  latestVersion!: number;
}
