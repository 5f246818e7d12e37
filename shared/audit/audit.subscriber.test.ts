import type { MikroORM } from '@mikro-orm/postgresql';
import { identity } from '../../subgraphs/identity/subgraph.js';
import { Tenant } from '../../subgraphs/identity/entities/tenant.entity.js';
import { serviceLogger } from '../logger/logger.js';
import { initOrm, TENANT_FILTER } from '../orm/init-orm.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { AuditEntry, AuditOperation } from './audit-entry.entity.js';

describe('AuditSubscriber', () => {
  let database: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    database = await createTestDatabase();
    orm = await initOrm(identity, database.target, serviceLogger('test'), { migrate: true });
  });

  afterAll(async () => {
    await orm.close();
    await database.drop();
  });

  const fork = (requestId: string) => {
    const em = orm.em.fork();
    em.setFilterParams(TENANT_FILTER, { tenantId: null });
    em.setLoggerContext({ requestId, actorId: '01900000-0000-7000-8000-000000000001', tenantId: null });
    return em;
  };

  it('writes create, update and delete entries with field diffs and the actor', async () => {
    const em = fork('req-1');
    const tenant = em.create(Tenant, { name: 'Acme', slug: 'acme-audit' });
    await em.flush();
    tenant.name = 'Acme Ltd';
    await em.flush();
    em.remove(tenant);
    await em.flush();

    const entries = await orm.em
      .fork()
      .find(AuditEntry, { entityId: tenant.id }, { orderBy: { id: 'asc' }, filters: false });
    expect(entries.map((e) => e.operation)).toEqual([AuditOperation.CREATE, AuditOperation.UPDATE, AuditOperation.DELETE]);
    expect(entries.every((e) => e.tenantId === tenant.id && e.requestId === 'req-1')).toBe(true);
    expect(entries[0].actorId).toBe('01900000-0000-7000-8000-000000000001');
    expect(entries[1].changes).toEqual([{ field: 'name', oldValue: 'Acme', newValue: 'Acme Ltd' }]);
    expect(entries[0].changes.find((c) => c.field === 'slug')).toEqual({ field: 'slug', oldValue: null, newValue: 'acme-audit' });
    expect(entries[2].changes.find((c) => c.field === 'name')).toEqual({ field: 'name', oldValue: 'Acme Ltd', newValue: null });
  });

  it('leaves no audit row when the transaction fails', async () => {
    const em = fork('req-2');
    em.create(Tenant, { name: 'One', slug: 'duplicate-slug' });
    em.create(Tenant, { name: 'Two', slug: 'duplicate-slug' });
    await expect(em.flush()).rejects.toThrow(/unique/i);
    const rows = await orm.em.fork().count(AuditEntry, { requestId: 'req-2' }, { filters: false });
    const tenants = await orm.em.fork().count(Tenant, { slug: 'duplicate-slug' });
    expect({ rows, tenants }).toEqual({ rows: 0, tenants: 0 });
  });

  it('skips updates that change nothing but the update time', async () => {
    const em = fork('req-3');
    const tenant = em.create(Tenant, { name: 'Same', slug: 'same-name' });
    await em.flush();
    tenant.name = 'Same';
    tenant.updatedAt = new Date(Date.now() + 1000);
    await em.flush();
    const count = await orm.em.fork().count(AuditEntry, { entityId: tenant.id }, { filters: false });
    expect(count).toBe(1);
  });
});
