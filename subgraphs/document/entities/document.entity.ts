import { type Opt } from '@mikro-orm/core';
import { Entity, Enum, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

export enum DocumentStatus {
  DRAFT = 'draft',
  FINAL = 'final',
  ARCHIVED = 'archived',
}
registerEnumType(DocumentStatus, { name: 'DocumentStatus' });

/** A document of a tenant, owned by a user of the identity subgraph (referenced by id). */
@Entity()
@ObjectType({ description: 'A document kept by the platform' })
@Directive('@key(fields: "id")')
export class Document extends TenantOwnedEntity {
  @Property({ type: 'text' })
  @Field()
  title!: string;

  @Property({ type: 'text' })
  @Field({ description: 'The body as text (rendered and binary versions come with generation)' })
  content!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  mimeType: Opt<string> = 'text/plain';

  @Enum({ items: () => DocumentStatus })
  @Field(() => DocumentStatus)
  status: Opt<DocumentStatus> = DocumentStatus.DRAFT;

  /** The identity User who owns it; resolved by the gateway through `owner`. */
  @Property({ type: 'uuid', index: true })
  ownerId!: string;
}
