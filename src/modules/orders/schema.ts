import { z } from 'zod';
import { isCalendarDate } from '../../kernel/korea.ts';
import { pageQuery } from '../../kernel/pagination.ts';
import { photoInput, photoOutput } from '../../kernel/images.ts';

const bilingual = z.object({ ko: z.string(), en: z.string() });

export const SUB_ORDER_STATUSES = ['received', 'confirmed', 'delivered', 'invoiced', 'paid', 'cancelled'] as const;
export type SubOrderStatus = (typeof SUB_ORDER_STATUSES)[number];
export const SUB_ORDER_ACTIONS = ['confirm', 'deliver', 'invoice', 'pay', 'cancel'] as const;
export type SubOrderAction = (typeof SUB_ORDER_ACTIONS)[number];
export const SIDES = ['buyer', 'supplier', 'intermediary', 'staff'] as const;
export type Side = (typeof SIDES)[number];

const isoDate = z.string().refine(isCalendarDate, { message: 'Must be a date written YYYY-MM-DD', params: { ko: '날짜는 YYYY-MM-DD 형식이어야 합니다' } });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();
const requiredText = (max: number, ko: string, en: string) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => s.length > 0, { message: en, params: { ko } });

export const idParam = z.object({ id: z.uuid() });
const orgRef = z.object({ id: z.uuid(), name: z.string() });

// ——— bundles ———

/** A photo uploaded to sehub (POST /api/v1/procurement/photos) for the bundle's intermediary, or the centre's own. */
export const photo = photoInput;

export const componentInput = z.object({
  supplierId: z.uuid().describe('the supplying organisation (directory)'),
  offeringId: z.uuid().nullable().optional().describe('the catalogue entry it comes from, if any'),
  name: requiredText(200, '구성품 이름을 적어 주세요', 'Name the component'),
  unit: requiredText(20, '단위를 적어 주세요 (개, 팩, 병 …)', 'Give the unit (piece, pack, bottle …)'),
  quantity: z.number().int().min(1).max(10_000).describe('per bundle'),
  unitPrice: z.number().int().min(0).max(100_000_000).describe('integer won'),
});

export const bundleInput = z.object({
  code: z
    .string()
    .trim()
    .refine((s) => /^[0-9A-Za-z-]{2,30}$/.test(s), { message: 'A code is 2–30 letters, digits or hyphens', params: { ko: '코드는 영문·숫자·하이픈 2–30자입니다' } }),
  name: requiredText(200, '상품 이름을 적어 주세요', 'Name the bundle'),
  description: optionalText(5000),
  intermediaryId: z.uuid().nullable().optional().describe('the intermediary organisation that runs the bundle'),
  photos: z.array(photo).max(10).default([]),
  status: z.enum(['active', 'retired']).default('active'),
  leadTimeDays: z.number().int().min(0).max(60).default(2),
  minQuantity: z.number().int().min(1).max(10_000).default(1),
  components: z
    .array(componentInput)
    .max(30)
    .refine((a) => a.length > 0, { message: 'A bundle needs at least one component', params: { ko: '구성품을 하나 이상 넣어 주세요' } }),
});
export type BundleInput = z.infer<typeof bundleInput>;

export const component = z.object({
  position: z.number().int(),
  supplier: orgRef,
  offeringId: z.uuid().nullable(),
  name: z.string(),
  unit: z.string(),
  quantity: z.number().int(),
  unitPrice: z.number().int(),
  amount: z.number().int().describe('quantity × unit price, per bundle'),
});

export const bundle = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    kind: z.enum(['bundle', 'single']).describe('single: one component'),
    intermediary: orgRef.nullable(),
    photos: z.array(photoOutput),
    status: z.enum(['active', 'retired']),
    leadTimeDays: z.number().int(),
    minQuantity: z.number().int(),
    price: z.number().int().describe('Σ components, integer won per bundle'),
    components: z.array(component),
    suppliers: z.array(orgRef.extend({ amount: z.number().int() })).describe('components grouped by supplier: each supplier’s share of the price'),
    canManage: z.boolean(),
    isDemo: z.boolean(),
  })
  .meta({ id: 'OrderBundle' });
export type Bundle = z.infer<typeof bundle>;

export const bundleQuery = z.object({
  q: z.string().trim().max(100).optional().describe('part of the name or code'),
  kind: z.enum(['bundle', 'single', 'all']).default('all'),
  status: z.enum(['active', 'retired', 'all']).default('active'),
  intermediaryId: z.uuid().optional(),
  supplierId: z.uuid().optional(),
  ...pageQuery,
});
export type BundleQuery = z.infer<typeof bundleQuery>;
export const bundlePage = z
  .object({ items: z.array(bundle), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), counts: z.object({ bundle: z.number().int(), single: z.number().int() }) })
  .meta({ id: 'OrderBundlePage' });

// ——— orders ———

export const orderInput = z.object({
  institutionId: z.uuid().describe('the buying institution; the caller must be one of its officers'),
  deliveryDate: isoDate,
  deliveryPlace: requiredText(300, '배송 장소를 적어 주세요', 'Give the delivery place'),
  contactName: requiredText(100, '받는 분 이름을 적어 주세요', 'Give the contact’s name'),
  contactPhone: z
    .string()
    .trim()
    .refine((s) => /^[0-9+\-() ]{7,20}$/.test(s), { message: 'Give a telephone number (digits and hyphens)', params: { ko: '연락처를 숫자와 하이픈으로 적어 주세요' } }),
  note: optionalText(2000),
  lines: z
    .array(z.object({ bundleId: z.uuid(), quantity: z.number().int().min(1).max(10_000) }))
    .max(50)
    .refine((a) => a.length > 0, { message: 'Order at least one bundle', params: { ko: '상품을 하나 이상 주문해 주세요' } }),
});
export type OrderInput = z.infer<typeof orderInput>;

export const statusLabel = z.object({ key: z.enum(SUB_ORDER_STATUSES), label: bilingual });

export const event = z.object({
  at: z.string(),
  side: z.enum([...SIDES, 'system']),
  actor: z.string().nullable().describe('display name'),
  from: z.enum(SUB_ORDER_STATUSES).nullable(),
  to: z.enum(SUB_ORDER_STATUSES),
  note: z.string().nullable(),
});

export const subOrder = z
  .object({
    id: z.uuid(),
    orderId: z.uuid(),
    orderNumber: z.string(),
    supplier: orgRef,
    status: z.enum(SUB_ORDER_STATUSES),
    statusLabel: bilingual,
    amount: z.number().int(),
    version: z.number().int(),
    deliveredOn: z.string().nullable(),
    invoicedOn: z.string().nullable(),
    invoiceNo: z.string().nullable(),
    paidOn: z.string().nullable(),
    items: z.array(z.object({ lineNo: z.number().int(), bundleName: z.string(), name: z.string(), unit: z.string(), quantity: z.number().int(), unitPrice: z.number().int(), amount: z.number().int() })),
    events: z.array(event),
    actions: z.array(z.enum(SUB_ORDER_ACTIONS)).describe('the steps the caller may take now'),
  })
  .meta({ id: 'OrderSubOrder' });
export type SubOrder = z.infer<typeof subOrder>;

export const order = z
  .object({
    id: z.uuid(),
    number: z.string(),
    institution: z.object({ id: z.uuid(), name: z.string() }),
    orderedBy: z.string().nullable(),
    deliveryDate: z.string(),
    deliveryPlace: z.string(),
    contactName: z.string(),
    contactPhone: z.string(),
    note: z.string().nullable(),
    createdAt: z.string(),
    view: z.enum(['whole', 'part']).describe('part: the caller sees only some sub-orders (a supplier its own); lines and total are then withheld'),
    lines: z.array(z.object({ lineNo: z.number().int(), bundleId: z.uuid(), code: z.string(), name: z.string(), quantity: z.number().int(), unitPrice: z.number().int(), amount: z.number().int() })).nullable(),
    total: z.number().int().nullable().describe('Σ sub-orders, integer won; null in a part view'),
    status: z.enum(SUB_ORDER_STATUSES).describe('the least advanced status of its live sub-orders (cancelled when all are)'),
    subOrders: z.array(subOrder),
    canCancel: z.boolean(),
  })
  .meta({ id: 'Order' });
export type Order = z.infer<typeof order>;

export const orderQuery = z.object({
  as: z.enum(SIDES).optional().describe('whose orders: buyer (my institutions), supplier (my organisations’ sub-orders), intermediary (orders of my bundles), staff (all); by default the widest the caller has'),
  status: z.enum(SUB_ORDER_STATUSES).optional().describe('orders with a visible sub-order in this status'),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  ...pageQuery,
});
export type OrderQuery = z.infer<typeof orderQuery>;
export const orderPage = z
  .object({ items: z.array(order), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), as: z.enum(SIDES) })
  .meta({ id: 'OrderPage' });

export const stepBody = z.object({
  version: z.number().int().min(1).describe('the sub-order’s version as last read (optimistic locking)'),
  note: optionalText(1000),
  on: isoDate.optional().describe('delivery or payment date; today (Seoul) by default'),
  invoiceNo: z.string().trim().max(50).optional().describe('required to invoice'),
});
export type StepBody = z.infer<typeof stepBody>;

export const cancelOrderBody = z.object({ note: optionalText(1000) });

// ——— settlement ———

export const settlementQuery = z
  .object({
    month: z
      .string()
      .refine((s) => /^\d{4}-(0[1-9]|1[0-2])$/.test(s), { message: 'A month is written YYYY-MM', params: { ko: '월은 YYYY-MM 형식이어야 합니다' } })
      .optional(),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    supplierId: z.uuid().optional(),
    format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  })
  .describe('month of delivery, or a whole year; with neither, every month');
export type SettlementQuery = z.infer<typeof settlementQuery>;

const money = z.number().int();
export const settlementRow = z.object({
  month: z.string(),
  supplier: orgRef,
  subOrders: z.number().int(),
  amount: money.describe('delivered, invoiced or paid'),
  invoiced: money.describe('invoiced or paid'),
  paid: money,
  outstanding: money.describe('amount − paid'),
});
export const settlement = z
  .object({
    month: z.string().nullable(),
    year: z.number().int().nullable(),
    rows: z.array(settlementRow),
    total: settlementRow.omit({ month: true, supplier: true }),
  })
  .meta({ id: 'OrderSettlement' });
export type Settlement = z.infer<typeof settlement>;

// ——— the caller's parts ———

export const myParts = z
  .object({
    staff: z.boolean(),
    officerOf: z.array(orgRef).describe('institutions the caller may order for'),
    organizations: z.array(orgRef).describe('organisations the caller manages (as supplier or intermediary)'),
  })
  .meta({ id: 'OrderParts' });
export type MyParts = z.infer<typeof myParts>;
