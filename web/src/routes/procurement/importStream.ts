import { ApiError } from '../../api.ts';
import type { Bilingual } from '../../i18n/index.tsx';
import { en, ko } from '../../i18n/procurement.ts';
import { BASE, type ImportLineError, type ImportResult } from './data.ts';

const both = (key: keyof typeof ko, vars: Record<string, string> = {}): Bilingual => {
  const fill = (s: string) => Object.entries(vars).reduce((acc, [k, v]) => acc.replaceAll(`{${k}}`, v), s);
  return { ko: fill(ko[key]), en: fill(en[key]) };
};

interface ProblemBody {
  type?: string;
  status?: number;
  title?: string;
  messages?: Bilingual;
  errors?: unknown[];
  moreErrors?: number;
}

/** A refused import: the problem's message and, for a file with bad rows, every line and field named. */
export class ImportRefused extends ApiError {
  constructor(
    status: number,
    type: string,
    messages: Bilingual,
    readonly lines: ImportLineError[],
    readonly moreLines: number,
  ) {
    super(status, type, messages);
  }
}

/**
 * A line error as the importer writes it (`{ line, field, message }`) or as a field error of a
 * problem (`{ path, row, messages }`): one shape for the table of errors.
 */
export function lineErrorOf(e: unknown): ImportLineError {
  const x = (e ?? {}) as { line?: number; row?: number; field?: string; path?: string; message?: Bilingual | string; messages?: Bilingual };
  const message = x.message ?? x.messages ?? { ko: '', en: '' };
  return {
    line: x.line ?? x.row ?? 0,
    field: x.field ?? x.path ?? '',
    message: typeof message === 'string' ? { ko: message, en: message } : message,
  };
}

function refusal(status: number, p: ProblemBody): ImportRefused {
  const messages = p.messages ?? (p.title ? { ko: p.title, en: p.title } : both('procurement.import.serverError', { status: String(status) }));
  return new ImportRefused(p.status ?? status, p.type ?? 'about:blank', messages, (p.errors ?? []).map(lineErrorOf), p.moreErrors ?? 0);
}

export interface Progress {
  rows: number;
  bytes: number;
  totalBytes: number;
  /** 'finishing' once the whole file is read: the server is building indexes, adding up and committing. */
  phase?: 'reading' | 'finishing';
}

type Line = ({ type: 'progress' } & Partial<Progress>) | { type: 'result'; import?: ImportResult } | { type: 'error'; problem: ProblemBody };

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const isXlsx = (name: string) => /\.xlsx$/i.test(name);

/**
 * Sends a purchase-record file (CSV or XLSX) to the import (`dryRun`: a check that changes nothing)
 * and reads its NDJSON answer line by line: `onProgress` for each progress line (bytes of the file
 * read so far and rows), then resolves with the summary or rejects with an ImportRefused (a refusal
 * before the stream, or its `error` line). Aborting the signal cancels the request; the server
 * rolls the import back.
 */
export async function importRecordsFile(
  file: File,
  opts: { dryRun: boolean; csrfToken: string | undefined; onProgress(p: Progress): void; signal?: AbortSignal },
): Promise<ImportResult> {
  const headers: Record<string, string> = { accept: 'application/x-ndjson', 'content-type': isXlsx(file.name) ? XLSX_TYPE : 'text/csv' };
  if (opts.csrfToken) headers['x-csrf-token'] = opts.csrfToken;
  const query = new URLSearchParams({ fileName: file.name, dryRun: String(opts.dryRun) });
  let res: Response;
  try {
    res = await fetch(`${BASE}/imports?${query.toString()}`, { method: 'POST', headers, body: file, credentials: 'same-origin', signal: opts.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', both('procurement.import.network'));
  }
  if (!res.ok || !res.body) {
    let body: ProblemBody = {};
    try {
      body = (await res.json()) as ProblemBody;
    } catch {
      // not JSON: the status says enough
    }
    throw refusal(res.status, body);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  const handle = (text: string): ImportResult | undefined => {
    if (!text.trim()) return undefined;
    const line = JSON.parse(text) as Line;
    if (line.type === 'progress') opts.onProgress({ rows: line.rows ?? 0, bytes: line.bytes ?? 0, totalBytes: line.totalBytes ?? file.size, phase: line.phase ?? 'reading' });
    else if (line.type === 'error') throw refusal(res.status, line.problem);
    else if (line.type === 'result') {
      const { type: _type, ...rest } = line;
      return (line.import ?? rest) as ImportResult;
    }
    return undefined;
  };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (value) buffered += value;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const result = handle(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
        if (result) return result;
      }
      if (done) break;
    }
  } catch (e) {
    if (e instanceof ApiError || (e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', both('procurement.import.network'));
  } finally {
    reader.releaseLock();
  }
  const result = handle(buffered);
  if (result) return result;
  // The connection ended before the last line: whether the import went in is unknown.
  throw new ApiError(0, 'incomplete', both('procurement.import.cutOff'));
}
