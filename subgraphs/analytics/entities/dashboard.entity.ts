import { type Opt } from '@mikro-orm/core';
import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';

/**
 * A tenant's dashboard: a named arrangement of widgets, each bound to a metric. Private to its
 * owner (and dashboard admins) until shared with roles.
 */
@Entity({ tableName: 'dashboard' })
@ObjectType('Dashboard', { description: 'A dashboard of metric widgets' })
export class Dashboard extends TenantOwnedEntity {
  @Property({ type: 'text' })
  @Field(() => String)
  name!: string;

  @Property({ type: 'jsonb', default: '{}' })
  @Field(() => GraphQLJSON, { description: 'Where the widgets go, as the client lays them out (stored as given)' })
  layout: Opt<Record<string, unknown>> = {};

  /** Role names whose members may see it (read only); owners and dashboard admins always can. */
  @Property({ type: 'text[]', defaultRaw: "'{}'" })
  @Field(() => [String], { description: 'Roles whose members may see it (read only); besides its owner and dashboard admins' })
  sharedWithRoles: Opt<string[]> = [];

  /** The identity User who made it; null when an API key or service account did. */
  @Property({ type: 'uuid', nullable: true })
  ownerId?: string | null;
}
