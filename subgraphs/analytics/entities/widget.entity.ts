import { Entity, Enum, Index, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TenantOwnedEntity } from '../../../shared/orm/base.entity.js';
import type { MetricDefinitionInput } from '../inputs/metric-query.input.js';

/** A widget's place on a dashboard's grid, in grid cells. */
@ObjectType('WidgetPosition')
export class WidgetPosition {
  @Field(() => Int)
  x!: number;

  @Field(() => Int)
  y!: number;

  @Field(() => Int, { description: 'Width' })
  w!: number;

  @Field(() => Int, { description: 'Height' })
  h!: number;
}

export enum WidgetKind {
  NUMBER = 'NUMBER',
  TIME_SERIES = 'TIME_SERIES',
  BAR = 'BAR',
  TABLE = 'TABLE',
}
registerEnumType(WidgetKind, { name: 'WidgetKind', description: 'How a widget shows its metric' });

/**
 * A widget on a dashboard, bound to a metric over a rolling window ending now. The metric is
 * stored as the definition the caller gave (validated), so widgets are data, not code.
 */
@Entity({ tableName: 'widget' })
@Index({ properties: ['tenantId', 'dashboardId'] })
@ObjectType('Widget', { description: 'A widget showing one metric over a rolling window' })
export class Widget extends TenantOwnedEntity {
  @Property({ type: 'uuid' })
  dashboardId!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  title!: string;

  @Enum({ items: () => WidgetKind })
  @Field(() => WidgetKind)
  kind!: WidgetKind;

  @Property({ type: 'jsonb' })
  metric!: MetricDefinitionInput;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'The window: the last this many hours, up to now' })
  windowHours!: number;

  /** Where it sits on the dashboard's grid; null until placed. */
  @Property({ type: 'jsonb', nullable: true })
  @Field(() => WidgetPosition, { nullable: true, description: 'Where it sits on the grid' })
  position?: WidgetPosition | null;
}
