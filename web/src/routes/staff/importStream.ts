import { ApiError, type FieldError } from '../../api.ts';
import type { Bilingual } from '../../i18n/index.tsx';
import { en, ko } from '../../i18n/staff.ts';
import { contentTypeOf } from './columns.ts';
import type { ImportReport } from './data.ts';

const both = (key: keyof typeof ko): Bilingual => ({ ko: ko[key], en: en[key] });
const NETWORK = both('staff.import.network');

interface ProblemBody {
  type?: string;
  status?: number;
  title?: string;
  messages?: Bilingual;
  errors?: FieldError[];
}

function toApiError(status: number, p: ProblemBody): ApiError {
  const fallback = { ko: ko['staff.import.serverError'].replace('{status}', String(status)), en: en['staff.import.serverError'].replace('{status}', String(status)) };
  return new ApiError(p.status ?? status, p.type ?? 'about:blank', p.messages ?? fallback, p.errors ?? []);
}

type Line = { type: 'progress'; rows: number; total: number } | ({ type: 'result' } & ImportReport) | { type: 'error'; problem: ProblemBody };

/**
 * Sends a file to the import (or its preview) and reads the NDJSON answer line by line:
 * `onProgress(rows, total)` for each batch, then resolves with the report or rejects with an ApiError
 * (a refusal before the stream, or its `error` line). The CSRF token is the session's (see web/src/api.ts).
 */
export async function importWithProgress(
  file: File,
  opts: { dryRun: boolean; csrfToken: string | undefined; onProgress(rows: number, total: number): void; signal?: AbortSignal },
): Promise<ImportReport> {
  const headers: Record<string, string> = { accept: 'application/x-ndjson', 'content-type': contentTypeOf(file) };
  if (opts.csrfToken) headers['x-csrf-token'] = opts.csrfToken;
  const query = new URLSearchParams({ filename: file.name, ...(opts.dryRun ? { dryRun: 'true' } : {}) });
  let res: Response;
  try {
    res = await fetch(`/api/v1/directory/imports?${query.toString()}`, { method: 'POST', headers, body: file, credentials: 'same-origin', signal: opts.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', NETWORK);
  }
  if (!res.ok || !res.body) {
    let body: ProblemBody = {};
    try {
      body = (await res.json()) as ProblemBody;
    } catch {
      // not JSON: the status says enough
    }
    throw toApiError(res.status, body);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  const handle = (text: string): ImportReport | undefined => {
    if (!text.trim()) return undefined;
    const line = JSON.parse(text) as Line;
    if (line.type === 'progress') opts.onProgress(line.rows, line.total);
    else if (line.type === 'error') throw toApiError(res.status, line.problem);
    else if (line.type === 'result') {
      const { type: _type, ...report } = line;
      return report;
    }
    return undefined;
  };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (value) buffered += value;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const report = handle(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
        if (report) return report;
      }
      if (done) break;
    }
  } catch (e) {
    if (e instanceof ApiError || (e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', NETWORK);
  } finally {
    reader.releaseLock();
  }
  const report = handle(buffered);
  if (report) return report;
  // The connection ended before the last line: whether the import went in is unknown.
  throw new ApiError(0, 'incomplete', both('staff.import.cutOff'));
}
