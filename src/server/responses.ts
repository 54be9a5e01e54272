import { problemBodySchema } from '../kernel/problem.ts';

/** Documents the problem responses a route can give, for OpenAPI. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [s, problemBodySchema])) as Record<number, typeof problemBodySchema>;
}
