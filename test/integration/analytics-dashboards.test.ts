import { openEventStreams } from '../../shared/events/event-stream.js';
import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { subscribeWs, wsClient } from '../../shared/testing/live-client.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';

const TRACK = 'mutation ($input: TrackEventInput!) { trackEvent(input: $input) { id } }';
const METRIC = `query ($metric: MetricDefinitionInput!, $range: MetricRangeInput!) {
  metricValues(metric: $metric, range: $range) { bucket group value }
}`;
const CREATE_DASHBOARD = 'mutation ($input: CreateDashboardInput!) { createDashboard(input: $input) { id name } }';
const ADD_WIDGET = 'mutation ($input: AddWidgetInput!) { addWidget(input: $input) { id title kind windowHours metric } }';
const DASHBOARDS = '{ dashboards { id name widgets { id title value { points { group value } } } } }';
const WIDGET_UPDATED = 'subscription ($id: ID!) { widgetUpdated(widgetId: $id) { widgetId points { value } computedAt } }';
const CREATE_RECORD = 'mutation ($input: CreateRecordInput!) { createRecord(input: $input) { id } }';

interface Point {
  bucket: string;
  group: string | null;
  value: number | null;
}

const until = async (check: () => boolean | Promise<boolean>, timeoutMs = 10_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

// Orders placed in January 2026: (time, region, amount, customer). Known answers below are worked by hand.
const ORDERS: [string, string, number, string][] = [
  ['2026-01-05T09:15:00Z', 'eu', 10, 'c1'],
  ['2026-01-05T09:45:00Z', 'eu', 30, 'c2'],
  ['2026-01-05T10:05:00Z', 'us', 20, 'c1'],
  ['2026-01-06T12:00:00Z', 'eu', 50, 'c3'],
  ['2026-01-14T08:00:00Z', 'us', 40, 'c2'],
  ['2026-02-02T08:00:00Z', 'eu', 100, 'c4'],
];
const JANUARY_AND_FEBRUARY = { from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z' };

describe('analytics metrics, dashboards and live widgets through the gateway', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let globex: TenantFixture;
  const metric = async (definition: object, range = JANUARY_AND_FEBRUARY, as = acme) =>
    (await sg.data<{ metricValues: Point[] }>(METRIC, { metric: definition, range }, as.as)).metricValues;

  beforeAll(async () => {
    sg = await startTestSupergraph();
    [acme, globex] = await Promise.all([createTenantWithUser(sg, 'acme'), createTenantWithUser(sg, 'globex')]);
    for (const [occurredAt, region, amount, customer] of ORDERS) {
      await sg.data(TRACK, { input: { name: 'order.placed', occurredAt, properties: { region, amount, customer } } }, acme.as);
    }
    // Another tenant's orders never count for acme.
    await sg.data(TRACK, { input: { name: 'order.placed', occurredAt: '2026-01-05T09:00:00Z', properties: { region: 'eu', amount: 999, customer: 'x' } } }, globex.as);
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it('computes every measure over the whole range, with known values', async () => {
    const total = (measure: string, extra: object = {}) => metric({ factType: 'order.placed', measure, granularity: 'TOTAL', ...extra });
    expect(await total('COUNT')).toEqual([{ bucket: '2026-01-01T00:00:00.000Z', group: null, value: 6 }]);
    expect((await total('SUM', { field: 'amount' }))[0]!.value).toBe(250);
    expect((await total('AVERAGE', { field: 'amount' }))[0]!.value).toBeCloseTo(41.6667, 3);
    expect((await total('MIN', { field: 'amount' }))[0]!.value).toBe(10);
    expect((await total('MAX', { field: 'amount' }))[0]!.value).toBe(100);
    expect((await total('DISTINCT_COUNT', { field: 'customer' }))[0]!.value).toBe(4);
    // Continuous percentile of 10, 20, 30, 40, 50, 100: the median interpolates 30 and 40.
    expect((await total('PERCENTILE', { field: 'amount', percentile: 0.5 }))[0]!.value).toBe(35);
    expect((await total('PERCENTILE', { field: 'amount', percentile: 0.9 }))[0]!.value).toBe(75);
  });

  it('buckets by each granularity, filters and groups by properties', async () => {
    const count = (granularity: string, extra: object = {}) => metric({ factType: 'order.placed', measure: 'COUNT', granularity, ...extra });
    const pairs = (points: Point[]) => points.map((p) => [p.bucket.slice(0, 16), p.group, p.value]);
    expect(pairs(await count('MONTH'))).toEqual([
      ['2026-01-01T00:00', null, 5],
      ['2026-02-01T00:00', null, 1],
    ]);
    // ISO weeks start on Monday: 5 and 6 January are in the week of the 5th, the 14th in the week of the 12th.
    expect(pairs(await count('WEEK'))).toEqual([
      ['2026-01-05T00:00', null, 4],
      ['2026-01-12T00:00', null, 1],
      ['2026-02-02T00:00', null, 1],
    ]);
    expect(pairs(await count('DAY', { filters: [{ property: 'region', equals: 'eu' }] }))).toEqual([
      ['2026-01-05T00:00', null, 2],
      ['2026-01-06T00:00', null, 1],
      ['2026-02-02T00:00', null, 1],
    ]);
    const day = { from: '2026-01-05T00:00:00Z', to: '2026-01-06T00:00:00Z' };
    expect(pairs(await metric({ factType: 'order.placed', measure: 'SUM', field: 'amount', granularity: 'HOUR', groupBy: 'region' }, day))).toEqual([
      ['2026-01-05T09:00', 'eu', 40],
      ['2026-01-05T10:00', 'us', 20],
    ]);
    expect(pairs(await metric({ factType: 'order.placed', measure: 'COUNT', granularity: 'MINUTE' }, day))).toEqual([
      ['2026-01-05T09:15', null, 1],
      ['2026-01-05T09:45', null, 1],
      ['2026-01-05T10:05', null, 1],
    ]);
  });

  it('refuses a metric it cannot compute, naming the field', async () => {
    const noField = await sg.graphql(METRIC, { metric: { factType: 'order.placed', measure: 'SUM', granularity: 'DAY' }, range: JANUARY_AND_FEBRUARY }, { as: acme.as });
    expect(noField.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(noField.errors?.[0]?.message).toContain('field');
    const tooLong = await sg.graphql(METRIC, { metric: { factType: 'order.placed', measure: 'COUNT', granularity: 'MINUTE' }, range: JANUARY_AND_FEBRUARY }, { as: acme.as });
    expect(tooLong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const backwards = await sg.graphql(METRIC, { metric: { factType: 'order.placed', measure: 'COUNT', granularity: 'DAY' }, range: { from: JANUARY_AND_FEBRUARY.to, to: JANUARY_AND_FEBRUARY.from } }, { as: acme.as });
    expect(backwards.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('keeps dashboards per tenant, with their widgets and values in one request', async () => {
    const { createDashboard } = await sg.data<{ createDashboard: { id: string } }>(CREATE_DASHBOARD, { input: { name: 'Sales', layout: { columns: 2 } } }, acme.as);
    const { addWidget } = await sg.data<{ addWidget: { id: string; metric: { factType: string } } }>(
      ADD_WIDGET,
      { input: { dashboardId: createDashboard.id, title: 'Orders by region', kind: 'BAR', windowHours: 24 * 365 * 2, metric: { factType: 'order.placed', measure: 'SUM', field: 'amount', groupBy: 'region', granularity: 'TOTAL' } } },
      acme.as,
    );
    expect(addWidget.metric.factType).toBe('order.placed');
    const { dashboards } = await sg.data<{ dashboards: { id: string; widgets: { id: string; value: { points: { group: string; value: number }[] } }[] }[] }>(DASHBOARDS, {}, acme.as);
    const sales = dashboards.find((d) => d.id === createDashboard.id)!;
    expect(sales.widgets.map((w) => w.value.points)).toEqual([
      [
        { group: 'eu', value: 190 },
        { group: 'us', value: 60 },
      ],
    ]);
    expect((await sg.data<{ dashboards: unknown[] }>(DASHBOARDS, {}, globex.as)).dashboards).toEqual([]);
    const foreign = await sg.graphql(ADD_WIDGET, { input: { dashboardId: createDashboard.id, title: 'x', kind: 'NUMBER', metric: { factType: 'order.placed', measure: 'COUNT', granularity: 'TOTAL' } } }, { as: globex.as });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const trail = await sg.data<{ analyticsAuditTrail: { items: { entityType: string; operation: string }[] } }>(
      '{ analyticsAuditTrail { items { entityType operation } } }',
      {},
      acme.as,
    );
    expect(trail.analyticsAuditTrail.items).toEqual(expect.arrayContaining([expect.objectContaining({ entityType: 'Widget' }), expect.objectContaining({ entityType: 'Dashboard' })]));
  });

  it("pushes a widget's new value when another subgraph's change becomes a fact", async () => {
    const { createDashboard } = await sg.data<{ createDashboard: { id: string } }>(CREATE_DASHBOARD, { input: { name: 'Activity' } }, acme.as);
    const { addWidget } = await sg.data<{ addWidget: { id: string } }>(
      ADD_WIDGET,
      { input: { dashboardId: createDashboard.id, title: 'Contacts today', kind: 'NUMBER', windowHours: 24, metric: { factType: 'entityrecord.created', measure: 'COUNT', granularity: 'TOTAL' } } },
      acme.as,
    );
    const client = wsClient(sg.gateway.url, { authorization: `Bearer ${acme.accessToken}` });
    const before = openEventStreams();
    const live = subscribeWs<{ widgetUpdated: { widgetId: string; points: { value: number }[] } }>(client, WIDGET_UPDATED, { id: addWidget.id });
    await until(() => openEventStreams() === before + 1);

    // A fact of another type changes nothing this widget shows: no push for it.
    await sg.data(TRACK, { input: { name: 'page.viewed' } }, acme.as);
    await sg.data(CREATE_RECORD, { input: { type: 'contact', data: { name: 'Ada' } } }, acme.as);
    const first = await live.next(10_000);
    expect(first.errors).toBeUndefined();
    expect(first.data?.widgetUpdated).toEqual({ widgetId: addWidget.id, points: [{ value: 1 }], computedAt: expect.any(String) });
    await sg.data(CREATE_RECORD, { input: { type: 'contact', data: { name: 'Grace' } } }, acme.as);
    expect((await live.next(10_000)).data?.widgetUpdated.points).toEqual([{ value: 2 }]);
    expect(live.results).toHaveLength(2);

    // Another tenant cannot watch it.
    const other = subscribeWs(wsClient(sg.gateway.url, { authorization: `Bearer ${globex.accessToken}` }), WIDGET_UPDATED, { id: addWidget.id });
    expect((await other.next(10_000)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    live.close();
    await client.dispose();
  });

  it('keeps a dashboard private to its owner until shared with roles, read only, and stores its layout', async () => {
    const member = async (email: string, role: string) => {
      const { inviteUser } = await sg.data<{ inviteUser: { token: string } }>('mutation ($e: String!, $r: String!) { inviteUser(input: { email: $e, role: $r }) { token } }', { e: email, r: role }, acme.as);
      const { acceptInvitation } = await sg.data<{ acceptInvitation: { accessToken: string } }>(
        'mutation ($t: String!) { acceptInvitation(input: { token: $t, password: "member-password-1", displayName: "M" }) { accessToken } }',
        { t: inviteUser.token },
      );
      return { token: acceptInvitation.accessToken };
    };
    const [sam, vic] = await Promise.all([member('sam.dash@example.com', 'member'), member('vic.dash@example.com', 'viewer')]);
    const { createDashboard } = await sg.data<{ createDashboard: { id: string } }>(CREATE_DASHBOARD, { input: { name: 'Private plans', layout: { columns: 12 } } }, acme.as);
    const { addWidget } = await sg.data<{ addWidget: { id: string } }>(
      'mutation ($input: AddWidgetInput!) { addWidget(input: $input) { id } }',
      { input: { dashboardId: createDashboard.id, title: 'Orders', kind: 'NUMBER', metric: { factType: 'order.placed', measure: 'COUNT', granularity: 'TOTAL' }, position: { x: 0, y: 0, w: 4, h: 2 } } },
      acme.as,
    );
    const names = async (as: { token: string }) => (await sg.data<{ dashboards: { name: string }[] }>('{ dashboards { name } }', {}, as)).dashboards.map((d) => d.name);
    const DASHBOARD = 'query ($id: ID!) { dashboard(id: $id) { name sharedWithRoles layout widgets { id position { x y w h } } } }';
    expect(await names(sam)).not.toContain('Private plans');
    expect((await sg.graphql(DASHBOARD, { id: createDashboard.id }, { as: sam })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const samClient = wsClient(sg.gateway.url, { authorization: `Bearer ${sam.token}` });
    const hidden = subscribeWs(samClient, WIDGET_UPDATED, { id: addWidget.id });
    expect((await hidden.next(10_000)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    hidden.close();
    await samClient.dispose();

    const SHARE = 'mutation ($id: ID!, $roles: [String!]!) { shareDashboard(id: $id, roles: $roles) { sharedWithRoles } }';
    expect((await sg.data<{ shareDashboard: { sharedWithRoles: string[] } }>(SHARE, { id: createDashboard.id, roles: ['member', 'member'] }, acme.as)).shareDashboard.sharedWithRoles).toEqual(['member']);
    expect(await names(sam)).toContain('Private plans');
    expect(await names(vic)).not.toContain('Private plans'); // a viewer is not a member
    const seen = await sg.data<{ dashboard: { layout: unknown; widgets: { position: unknown }[] } }>(DASHBOARD, { id: createDashboard.id }, sam);
    expect(seen.dashboard).toMatchObject({ layout: { columns: 12 }, widgets: [{ position: { x: 0, y: 0, w: 4, h: 2 } }] });
    // Shared is read only: the member cannot change, move or delete it.
    expect((await sg.graphql('mutation ($id: ID!) { deleteDashboard(id: $id) }', { id: createDashboard.id }, { as: sam })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await sg.graphql(SHARE, { id: createDashboard.id, roles: ['viewer'] }, { as: sam })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const MOVE = 'mutation ($id: ID!) { moveWidget(id: $id, position: { x: 4, y: 0, w: 4, h: 3 }) { position { x h } } }';
    expect((await sg.graphql(MOVE, { id: addWidget.id }, { as: sam })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await sg.data<{ moveWidget: { position: { x: number; h: number } } }>(MOVE, { id: addWidget.id }, acme.as)).moveWidget.position).toEqual({ x: 4, h: 3 });
    const updated = await sg.data<{ updateDashboard: { name: string } }>('mutation ($id: ID!) { updateDashboard(id: $id, input: { name: "Plans", layout: { columns: 24 } }) { name } }', { id: createDashboard.id }, acme.as);
    expect(updated.updateDashboard.name).toBe('Plans');

    await sg.data(SHARE, { id: createDashboard.id, roles: [] }, acme.as);
    expect(await names(sam)).not.toContain('Plans');
    expect((await sg.graphql(SHARE, { id: createDashboard.id, roles: ['not a role!'] }, { as: acme.as })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
