import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { WidgetKind } from '../entities/widget.entity.js';
import { MetricDefinitionInput } from './metric-query.input.js';

/** Ten years of hours: a window long enough for any dashboard, short enough to bound one query. */
export const WINDOW_HOURS_MAX = 24 * 3_660;

/** A client's layout of a dashboard, stored as given. */
const layoutRule = z.record(z.string(), z.unknown(), 'must be a JSON object').refine((l) => JSON.stringify(l).length <= 65_536, 'must be at most 64 KB').nullish();

@InputType({ description: 'A new dashboard' })
export class CreateDashboardInput {
  static rules = z.object({
    name: z.string().trim().min(1, 'must not be empty').max(200),
    layout: layoutRule,
  });

  @Field(() => String)
  name!: string;

  @Field(() => GraphQLJSON, { nullable: true })
  layout?: Record<string, unknown> | null;
}

const positionRule = z.object({
  x: z.number().int().min(0).max(1_000),
  y: z.number().int().min(0).max(10_000),
  w: z.number().int().min(1).max(100),
  h: z.number().int().min(1).max(100),
});

@InputType({ description: "A widget's place on the grid, in cells" })
export class WidgetPositionInput {
  static rules = positionRule;

  @Field(() => Int)
  x!: number;

  @Field(() => Int)
  y!: number;

  @Field(() => Int)
  w!: number;

  @Field(() => Int)
  h!: number;
}

@InputType({ description: 'Changes to a dashboard; absent fields stay' })
export class UpdateDashboardInput {
  static rules = z.object({
    name: z.string().trim().min(1, 'must not be empty').max(200).nullish(),
    layout: layoutRule,
  });

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => GraphQLJSON, { nullable: true })
  layout?: Record<string, unknown> | null;
}

@InputType({ description: 'A widget to add to a dashboard' })
export class AddWidgetInput {
  static rules = z.object({
    position: positionRule.nullish(),
    dashboardId: z.uuid('is not an id'),
    title: z.string().trim().min(1, 'must not be empty').max(200),
    kind: z.enum(WidgetKind),
    metric: MetricDefinitionInput.shape,
    windowHours: z.number().int().min(1).max(WINDOW_HOURS_MAX),
  });

  @Field(() => ID)
  dashboardId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => WidgetKind)
  kind!: WidgetKind;

  @Field(() => MetricDefinitionInput)
  metric!: MetricDefinitionInput;

  @Field(() => Int, { defaultValue: 24, description: `Show the last this many hours (1 to ${WINDOW_HOURS_MAX}, ten years)` })
  windowHours: number = 24;

  @Field(() => WidgetPositionInput, { nullable: true })
  position?: WidgetPositionInput | null;
}
