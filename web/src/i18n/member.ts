/** Strings of the member pages. Korean first; English mirrors every key. */
export const ko = {} as const;

export const en: Record<keyof typeof ko, string> = {};
