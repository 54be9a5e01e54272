import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toProblem } from './plugins/errors.ts';

export const NDJSON = 'application/x-ndjson';

/** Whether the request's Accept header asks for NDJSON (a long job's progress lines). */
export const wantsNdjson = (accept: string | undefined) => (accept ?? '').split(',').some((part) => part.split(';')[0]!.trim().toLowerCase() === NDJSON);

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A long job (an import) answered as NDJSON: `{"type":"progress",…}` lines as the job reports, then one
 * `{"type":"result",…}` line or one `{"type":"error","problem":…}` line. Until the job reports its first
 * progress, a refusal (wrong role, unreadable file, missing columns) is still an ordinary problem answer
 * with its own status; after that the status is 200 and a failure — its transaction rolled back — is
 * the error line. `result` turns the job's answer into the result line's fields.
 */
export async function streamProgress<P extends object, R>(
  req: FastifyRequest,
  reply: FastifyReply,
  run: (onProgress: (p: P) => Promise<void>) => Promise<R>,
  result: (r: R) => object,
): Promise<FastifyReply> {
  const out = new PassThrough();
  const line = (value: unknown) => {
    if (!out.destroyed && !out.writableEnded) out.write(`${JSON.stringify(value)}\n`);
  };
  let started!: () => void;
  const streaming = new Promise<'started'>((resolve) => (started = () => resolve('started')));
  const work = run(async (p) => {
    started();
    line({ type: 'progress', ...p });
    await nextTurn(); // lets the line reach the client while the job goes on
  });
  // Refused before the first progress line: thrown here, answered as problem+json by the error handler.
  await Promise.race([streaming, work]);
  work.then(
    (r) => {
      line({ type: 'result', ...result(r) });
      out.end();
    },
    (error: unknown) => {
      const problem = toProblem(error);
      if (problem.status >= 500) req.log.error({ err: error }, `streamed job failed: ${req.method} ${req.url}`);
      line({ type: 'error', problem: problem.toJSON(req.locale ?? 'ko', req.url, req.id) });
      out.end();
    },
  );
  return reply.type(`${NDJSON}; charset=utf-8`).header('cache-control', 'no-store').send(out);
}
