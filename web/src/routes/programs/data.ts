import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ProgramDetail, type ProgramImportReport, type ProgramInput, type ProgramTaxonomy, type ProgramYear, type ProgramYearSummary } from '../../api.ts';

// Keys of their own (["programs", …]) so these pages never share a cache entry of another shape.
export const keys = {
  all: ['programs'] as const,
  taxonomy: ['programs', 'taxonomy'] as const,
  years: ['programs', 'years'] as const,
  year: (year: number) => ['programs', 'year', year] as const,
  program: (id: string) => ['programs', 'program', id] as const,
  mine: ['programs', 'mine'] as const,
};

export const yearPath = (year: number) => `/api/v1/program-years/${year}`;
export const reportHref = (year: number, format: 'html' | 'pdf' | 'xlsx' | 'hwpx') => `${yearPath(year)}/report?format=${format}`;
export const exportHref = (year: number, format: 'xlsx' | 'json') => `${yearPath(year)}/export?format=${format}`;

/** Budget groups and line categories with their labels (migration data; they do not change while a page is open). */
export function useProgramTaxonomy() {
  return useQuery({ queryKey: keys.taxonomy, queryFn: () => api<ProgramTaxonomy>('/api/v1/program-taxonomy'), staleTime: Infinity });
}

export function useYears() {
  return useQuery({ queryKey: keys.years, queryFn: async () => (await api<{ items: ProgramYearSummary[] }>('/api/v1/program-years')).items });
}

export function useYear(year: number) {
  return useQuery({ queryKey: keys.year(year), queryFn: () => api<ProgramYear>(yearPath(year)), enabled: Number.isInteger(year) });
}

export function useProgram(id: string | undefined) {
  return useQuery({ queryKey: keys.program(id ?? ''), queryFn: () => api<ProgramDetail>(`/api/v1/programs/${encodeURIComponent(id!)}`), enabled: Boolean(id) });
}

/** The programmes the signed-in person may read (for a member: those of their organisations). */
export function useMyPrograms(enabled: boolean) {
  return useQuery({
    queryKey: keys.mine,
    queryFn: async () => (await api<{ items: { programId: string; code: string; name: string; year?: number }[] }>('/api/v1/programs')).items,
    enabled,
    retry: false,
  });
}

export function useCreateYear() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { year: number; title: string; organisationName: string }) => api<unknown>('/api/v1/program-years', { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.years }),
  });
}

/** Creates (no id) or replaces (id, with the version read) a programme. */
export function useSaveProgram(year: number, id: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ProgramInput) =>
      id
        ? api<ProgramDetail>(`/api/v1/programs/${encodeURIComponent(id)}`, { method: 'PUT', body: input })
        : api<ProgramDetail>(`${yearPath(year)}/programs`, { method: 'POST', body: input }),
    onSuccess: (saved) => {
      qc.setQueryData(keys.program(saved.id), saved);
      void qc.invalidateQueries({ queryKey: keys.year(year) });
      void qc.invalidateQueries({ queryKey: keys.years });
    },
  });
}

export function useDeleteProgram(year: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/v1/programs/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: (_v, id) => {
      qc.removeQueries({ queryKey: keys.program(id) });
      void qc.invalidateQueries({ queryKey: keys.year(year) });
      void qc.invalidateQueries({ queryKey: keys.years });
    },
  });
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a year's data file (XLSX or JSON) to the import, as a dry run or for real. */
export function importYearFile(year: number, file: File, dryRun: boolean): Promise<ProgramImportReport> {
  const contentType = /\.json$/i.test(file.name) ? 'application/json' : XLSX;
  return api<ProgramImportReport>(`${yearPath(year)}/import?dryRun=${dryRun}`, { method: 'POST', raw: { data: file, contentType } });
}
