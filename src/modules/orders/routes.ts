import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { csvWriter, xlsxWriter } from '../../kernel/tabular.ts';
import { problemResponses } from '../../server/responses.ts';
import {
  bundle,
  bundleInput,
  bundlePage,
  bundleQuery,
  cancelOrderBody,
  idParam,
  myParts,
  order,
  orderInput,
  orderPage,
  orderQuery,
  settlement,
  settlementQuery,
  stepBody,
  subOrder,
  SUB_ORDER_ACTIONS,
  type Settlement,
} from './schema.ts';
import { STEPS, type OrdersService } from './service.ts';

const MEDIA = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/** The settlement table as CSV or XLSX (Korean headers with English in brackets). */
async function settlementFile(format: 'csv' | 'xlsx', s: Settlement): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const w = format === 'csv' ? csvWriter(out) : xlsxWriter(out, `맺음 정산 ${s.month ?? s.year ?? ''}`.trim());
  w.row(['월 (month)', '공급처 (supplier)', '건수 (sub-orders)', '납품액 (amount, won)', '청구액 (invoiced)', '결제액 (paid)', '미결제 (outstanding)']);
  for (const r of s.rows) w.row([r.month, r.supplier.name, r.subOrders, r.amount, r.invoiced, r.paid, r.outstanding]);
  w.row(['합계 (total)', null, s.total.subOrders, s.total.amount, s.total.invoiced, s.total.paid, s.total.outstanding]);
  await w.end();
  await done;
  return Buffer.concat(chunks);
}

export function ordersRoutesOf(orders: OrdersService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['orders'];
    const base = '/api/v1/orders';

    app.get(
      `${base}/me`,
      { schema: { tags, summary: '나의 맺음 역할 · The caller’s parts (officer of, manager of, staff)', response: { 200: myParts, ...problemResponses(401) } } },
      async (req) => orders.myParts(req.ctx()),
    );
    app.get(
      `${base}/bundles`,
      {
        schema: {
          tags,
          summary: '맺음 꾸러미 상품 · Bundles and single items',
          description: 'Anyone may browse active bundles; retired ones need a signed-in caller. `counts` gives bundles (several components) and single items (one).',
          querystring: bundleQuery,
          response: { 200: bundlePage, ...problemResponses(400, 401) },
        },
      },
      async (req) => orders.searchBundles(req.ctx(), req.query),
    );
    app.post(
      `${base}/bundles`,
      {
        schema: {
          tags,
          summary: '꾸러미 상품 등록 · Create a bundle',
          description: 'Staff, or an owner or editor of the intermediary organisation. The price is the sum of the components.',
          body: bundleInput,
          response: { 201: bundle, ...problemResponses(400, 401, 403) },
        },
      },
      async (req, reply) => reply.code(201).send(await orders.createBundle(req.ctx(), req.body)),
    );
    app.get(`${base}/bundles/:id`, { schema: { tags, summary: '꾸러미 상품 · One bundle', params: idParam, response: { 200: bundle, ...problemResponses(400, 404) } } }, async (req) =>
      orders.getBundle(req.ctx(), req.params.id),
    );
    app.put(
      `${base}/bundles/:id`,
      { schema: { tags, summary: '꾸러미 상품 수정 · Edit a bundle', params: idParam, body: bundleInput, response: { 200: bundle, ...problemResponses(400, 401, 403, 404) } } },
      async (req) => orders.updateBundle(req.ctx(), req.params.id, req.body),
    );
    app.delete(
      `${base}/bundles/:id`,
      {
        schema: {
          tags,
          summary: '꾸러미 상품 삭제 · Delete a bundle never ordered',
          description: 'A bundle that has been ordered is retired instead (409).',
          params: idParam,
          response: { 204: z.null(), ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        await orders.deleteBundle(req.ctx(), req.params.id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      `${base}/orders`,
      {
        schema: {
          tags,
          summary: '주문하기 (구매 기관 담당자) · Place an order (officer of the buying institution)',
          description: 'Split into one sub-order per supplier; the total is the sum of the sub-orders. Delivery must leave the bundles’ lead time.',
          body: orderInput,
          response: { 201: order, ...problemResponses(400, 401, 403) },
        },
      },
      async (req, reply) => reply.code(201).send(await orders.placeOrder(req.ctx(), req.body)),
    );
    app.get(
      `${base}/orders`,
      {
        schema: {
          tags,
          summary: '주문 목록 · Orders, as buyer, supplier, intermediary or staff',
          description: 'A supplier sees its own sub-orders only (lines and total withheld); as=staff needs the staff role.',
          querystring: orderQuery,
          response: { 200: orderPage, ...problemResponses(400, 401, 403) },
        },
      },
      async (req) => orders.listOrders(req.ctx(), req.query),
    );
    app.get(
      `${base}/orders/:id`,
      {
        schema: {
          tags,
          summary: '주문 상세 · One order, as the caller may see it',
          params: idParam,
          response: { 200: order, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req) => orders.getOrder(req.ctx(), req.params.id),
    );
    app.post(
      `${base}/orders/:id/cancel`,
      {
        schema: {
          tags,
          summary: '주문 전체 취소 · Cancel the whole order (buyer or staff, while every part is received)',
          params: idParam,
          body: cancelOrderBody,
          response: { 200: order, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => orders.cancelOrder(req.ctx(), req.params.id, req.body.note),
    );
    app.get(
      `${base}/sub-orders/:id`,
      {
        schema: {
          tags,
          summary: '공급처 주문 · One sub-order',
          description: 'Another supplier’s sub-order is 403.',
          params: idParam,
          response: { 200: subOrder, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req) => orders.getSubOrder(req.ctx(), req.params.id),
    );
    const who: Record<string, string> = { supplier: '공급처', intermediary: '중간관리 조직', buyer: '구매 기관', staff: '센터' };
    for (const action of SUB_ORDER_ACTIONS) {
      const s = STEPS[action];
      app.post(
        `${base}/sub-orders/:id/${action}`,
        {
          schema: {
            tags,
            summary: `${s.label.ko} (${s.sides.map((x) => who[x]).join('·')}) · ${s.label.en} (${s.sides.join(', ')})`,
            description: `From ${s.from.join(' or ')} to ${s.to}, with the version last read. Out of turn or a stale version: 409 naming the current state.${action === 'invoice' ? ' invoiceNo is required.' : ''}`,
            params: idParam,
            body: stepBody,
            response: { 200: subOrder, ...problemResponses(400, 401, 403, 404, 409) },
          },
        },
        async (req) => orders.step(req.ctx(), req.params.id, action, req.body),
      );
    }

    app.get(
      `${base}/settlement`,
      {
        schema: {
          tags,
          summary: '정산 · Settlement per supplier per month of delivery',
          description: 'Staff see every supplier, a supplier its own, an intermediary those of its bundles. format=csv or xlsx downloads the same table.',
          querystring: settlementQuery,
          response: { 200: z.union([settlement, z.any()]), ...problemResponses(400, 401, 403) },
        },
      },
      async (req, reply) => {
        const { format, ...q } = req.query;
        const s = await orders.settlement(req.ctx(), { ...q, format });
        if (format === 'json') return s;
        const body = await settlementFile(format, s);
        return reply
          .type(MEDIA[format])
          .header('content-disposition', `attachment; filename="orders-settlement-${s.month ?? s.year ?? 'all'}.${format}"`)
          .send(body);
      },
    );
  };
}
