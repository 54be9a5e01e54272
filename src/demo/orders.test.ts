import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines, openTestDatabase, type TestDatabase } from '../../test/helpers.ts';
import { systemContext } from '../kernel/context.ts';
import { createOrdersService } from '../modules/orders/index.ts';
import { seedDemoDirectory } from './index.ts';
import { removeDemoOrders, seedDemoOrders } from './orders.ts';

describeEngines('demo 맺음 orders', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seedDemoDirectory(database.db);
  });
  afterAll(() => database.close());

  it('has the report’s 8 suppliers, 28 bundles, 55 single items and 95 orders of 2013, about 1.6 million won a month, mostly paid', async () => {
    expect(await seedDemoOrders(database.db)).toEqual({ bundles: 83, orders: 95 });
    const orders = createOrdersService({ db: database.db });
    const ctx = systemContext('test');
    const shop = await orders.searchBundles(ctx, { kind: 'all', status: 'active', page: 1, pageSize: 100 });
    expect(shop.counts).toEqual({ bundle: 28, single: 55 });
    expect(new Set(shop.items.flatMap((b) => b.components.map((c) => c.supplier.id))).size).toBe(8);
    expect(shop.items.every((b) => b.price === b.components.reduce((s, c) => s + c.amount, 0))).toBe(true);

    const list = await orders.listOrders(ctx, { as: 'staff', year: 2013, page: 1, pageSize: 100 });
    expect(list.total).toBe(95);
    expect(list.items.map((o) => o.number)).toContain('맺음-2013-0095');
    const months = new Set(list.items.map((o) => o.createdAt.slice(0, 7)));
    expect([...months].sort()[0]).toBe('2013-03');
    const paid = list.items.filter((o) => o.status === 'paid').length;
    expect(paid).toBeGreaterThan(80);
    expect(list.items.filter((o) => !['paid', 'cancelled'].includes(o.status)).length).toBeGreaterThan(2);
    // Every order's total is the sum of its parts, to the won; so is the settlement's.
    for (const o of list.items) expect(o.total).toBe(o.subOrders.reduce((s, x) => s + x.amount, 0));
    const year = await orders.settlement(ctx, { year: 2013, format: 'json' });
    const sales = list.items.filter((o) => o.status !== 'cancelled').reduce((s, o) => s + o.total!, 0);
    const undelivered = list.items.flatMap((o) => o.subOrders).filter((s) => s.status === 'received' || s.status === 'confirmed');
    expect(year.total.amount).toBe(sales - undelivered.reduce((s, x) => s + x.amount, 0));
    const monthly = sales / 10;
    expect(monthly).toBeGreaterThan(1_300_000);
    expect(monthly).toBeLessThan(1_900_000);

    // A real order of a demo bundle outlives the demo: the bundle stays, retired.
    const ordered = shop.items.find((b) => b.kind === 'bundle')!;
    const city = list.items.find((o) => o.institution.name === '서울특별시')!.institution.id;
    const delivery = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const real = await orders.placeOrder(ctx, { institutionId: city, deliveryDate: delivery, deliveryPlace: '시청', contactName: '김담당', contactPhone: '02-120-0000', lines: [{ bundleId: ordered.id, quantity: ordered.minQuantity }] });
    expect(await removeDemoOrders(database.db)).toEqual({ orders: 95, bundles: 82 });
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM order_sub_orders`.execute(database.db);
    expect(left.rows[0]!.n).toBe(real.subOrders.length);
    expect((await orders.getBundle(ctx, ordered.id)).status).toBe('retired');
  });
});
