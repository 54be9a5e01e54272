import { definePolicies, isStaff, rule } from '../../kernel/policy.ts';

export const policies = definePolicies({
  // Distribution, growth, survival and location quotients are public statistics.
  'insights.statistics.read': rule('insights:read', () => true, { anonymous: true }),
  // Headline figures and the rows behind them name programmes' partners and results: staff only.
  'insights.figures.read': rule('insights:read', isStaff),
  'insights.definitions.edit': rule('insights:write', isStaff),
});

type InsightsPolicies = typeof policies;
declare module '../../kernel/policy.ts' {
  interface PolicyRegistry extends InsightsPolicies {}
}
