import type { SelectQueryBuilder } from 'kysely';
import { z } from 'zod';

export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1).describe('1-based page number'),
  pageSize: z.coerce.number().int().min(1).max(200).default(20).describe('rows per page (max 200)'),
};

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

/** `text` with LIKE's wildcards (% _ and the escape \\) taken literally. */
export function escapeLike(text: string): string {
  return text.replace(/[%_\\]/g, '\\$&');
}

/** A LIKE pattern matching `text` anywhere. */
export const likeContains = (text: string): string => `%${escapeLike(text)}%`;

export function offsetOf(page: number, pageSize: number): number {
  return (page - 1) * pageSize;
}

/**
 * One page of a filtered query and the total the filter matches. `rows` adds the selection and
 * order to the shared filter; the count runs on the bare filter.
 */
export async function paged<DB, TB extends keyof DB, R>(
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  filtered: SelectQueryBuilder<DB, TB, {}>,
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  rows: (q: SelectQueryBuilder<DB, TB, {}>) => SelectQueryBuilder<DB, TB, R>,
  p: { page: number; pageSize: number },
): Promise<{ rows: R[]; total: number }> {
  const [items, count] = await Promise.all([
    rows(filtered).limit(p.pageSize).offset(offsetOf(p.page, p.pageSize)).execute(),
    filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: items as R[], total: Number((count as { n: number | string }).n) };
}
