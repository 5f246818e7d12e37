import { PGlite } from '@electric-sql/pglite';
import { Entity, PrimaryKey, Property, ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { MikroORM } from '@mikro-orm/postgresql';
import { PgliteDialect } from './pglite-dialect.js';

@Entity({ tableName: 'counter' })
class Counter {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'integer' })
  value: number = 0;
}

async function ormOn(db: PGlite, schema: string): Promise<MikroORM> {
  return MikroORM.init({
    entities: [Counter],
    dbName: 'postgres',
    schema,
    driverOptions: new PgliteDialect(db),
    metadataProvider: ReflectMetadataProvider,
    allowGlobalContext: false,
  });
}

// The embedded database is one PostgreSQL session shared by every ORM of the process; these
// pin that concurrent transactions still behave as on a real server.
describe('PgliteDialect', () => {
  let db: PGlite;
  let a: MikroORM;
  let b: MikroORM;

  beforeAll(async () => {
    db = await PGlite.create();
    a = await ormOn(db, 'a');
    b = await ormOn(db, 'b');
    for (const orm of [a, b]) {
      await orm.em.fork().getConnection().execute(`create schema if not exists "${orm.config.get('schema')}"`);
      await orm.schema.create();
    }
  });

  afterAll(async () => {
    await a.close();
    await b.close();
    await db.close();
  });

  it('serialises concurrent read-modify-write transactions of two ORMs sharing one PGlite', async () => {
    const ids = await Promise.all(
      [a, b].map(async (orm) => {
        const em = orm.em.fork();
        const counter = em.create(Counter, { value: 0 });
        await em.flush();
        return counter.id;
      }),
    );
    const increments = Array.from({ length: 40 }, (_, i) => {
      const [orm, id] = i % 2 === 0 ? [a, ids[0]] : [b, ids[1]];
      return orm.em.fork().transactional(async (em) => {
        const counter = await em.findOneOrFail(Counter, id);
        await new Promise((resolve) => setTimeout(resolve, 1)); // yield mid-transaction
        counter.value += 1;
      });
    });
    await Promise.all(increments);
    expect((await a.em.fork().findOneOrFail(Counter, ids[0])).value).toBe(20);
    expect((await b.em.fork().findOneOrFail(Counter, ids[1])).value).toBe(20);
  });

  it('rolls back a failed transaction without touching a concurrent one', async () => {
    const em = a.em.fork();
    const counter = em.create(Counter, { value: 5 });
    await em.flush();
    const failing = a.em.fork().transactional(async (tx) => {
      (await tx.findOneOrFail(Counter, counter.id)).value = 999;
      await tx.flush();
      throw new Error('abort');
    });
    const succeeding = b.em.fork().transactional(async (tx) => {
      tx.create(Counter, { value: 7 });
    });
    await expect(failing).rejects.toThrow('abort');
    await succeeding;
    expect((await a.em.fork().findOneOrFail(Counter, counter.id)).value).toBe(5);
    expect(await b.em.fork().count(Counter, { value: 7 })).toBe(1);
  });

  it('runs multi-statement scripts and parameterised queries', async () => {
    const conn = a.em.fork().getConnection();
    await conn.execute('create table a.t (x int); insert into a.t values (1), (2);');
    const rows = await conn.execute<{ n: number }[]>('select count(*)::int as n from a.t where x >= ?', [2]);
    expect(rows[0].n).toBe(1);
  });
});
