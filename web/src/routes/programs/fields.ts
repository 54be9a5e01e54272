import { useCallback } from 'react';
import { ApiError } from '../../api.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';

/** "programs[3].kpis[1].target" and "programs.3.kpis.1.target" are the same path. */
export const normalisePath = (path: string) => path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');

/** The collections of a programme (and of a year document), by the catalogue key of one item. */
const ITEMS: Record<string, { item: MessageKey; fields: string }> = {
  programs: { item: 'programs.path.program', fields: 'programs.field' },
  kpis: { item: 'programs.path.kpi', fields: 'programs.kpi' },
  lines: { item: 'programs.path.line', fields: 'programs.line' },
  transfers: { item: 'programs.path.transfer', fields: 'programs.transfer' },
  schedule: { item: 'programs.path.task', fields: 'programs.task' },
  partners: { item: 'programs.path.partner', fields: 'programs.partner' },
  areas: { item: 'programs.path.area', fields: 'programs.area' },
  reported: { item: 'programs.path.reported', fields: 'programs.field' },
  notes: { item: 'programs.path.note', fields: 'programs.field' },
  responsibleStaff: { item: 'programs.path.staff', fields: 'programs.field' },
};

/** A field path in words: "programs.3.kpis.1.target" → "사업 4 › 성과지표 2 › 목표". */
export function usePathLabel() {
  const { t } = useI18n();
  return useCallback(
    (path: string) => {
      const parts = normalisePath(path).split('.');
      const out: string[] = [];
      let fields = 'programs.field';
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i]!;
        const next = parts[i + 1];
        const collection = ITEMS[part];
        if (collection && next !== undefined && /^\d+$/.test(next)) {
          out.push(t(collection.item, { n: Number(next) + 1 }));
          fields = collection.fields;
          i++;
          continue;
        }
        if (/^\d+$/.test(part) && out.length) {
          // an item of a plain list (planned months, staff names …): "계획한 달 2"
          out[out.length - 1] = `${out[out.length - 1]} ${Number(part) + 1}`;
          continue;
        }
        const key = `${fields}.${part}` as MessageKey;
        const label = t(key);
        const general = t(`programs.field.${part}` as MessageKey);
        out.push(label !== key ? label : general !== `programs.field.${part}` ? general : part);
      }
      return out.join(' › ');
    },
    [t],
  );
}

/** The API's field errors for one exact path (after normalising), in the current language. */
export function useErrorsAt(error: unknown) {
  const { l } = useI18n();
  return useCallback(
    (path: string): string[] => (error instanceof ApiError ? error.errors.filter((e) => normalisePath(e.path) === path).map((e) => l(e.messages)) : []),
    [error, l],
  );
}
