import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isResponseSerializationError } from 'fastify-type-provider-zod';
import { fieldErrorsFromZod, Problem, PROBLEM_TYPES, validationProblem } from '../../kernel/problem.ts';
import { InputInvalid } from '../validation.ts';

const WHERE: Record<string, string> = { querystring: 'query', params: 'path', headers: 'header' };

/** Maps whatever was thrown to a problem; unknown errors become a 500 that hides the internals. */
export function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  if (error instanceof InputInvalid) {
    // Body fields are named as they are; query and path parameters say where they came from.
    const where = error.validationContext && WHERE[error.validationContext];
    return validationProblem(fieldErrorsFromZod(error.issues, where ? [where] : []));
  }
  const e = error as FastifyError;
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Problem('payload-too-large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new Problem('unsupported-media-type', { ko: '요청 본문은 application/json 이어야 합니다', en: 'The request body must be application/json' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return validationProblem([{ path: '(body)', messages: { ko: 'JSON 형식이 올바르지 않습니다', en: 'The body is not valid JSON' } }]);
  }
  if (e.statusCode === 429) return new Problem('rate-limited');
  if (e.statusCode === 400 && e instanceof SyntaxError) {
    return validationProblem([{ path: '(body)', messages: { ko: 'JSON 형식이 올바르지 않습니다', en: 'The body is not valid JSON' } }]);
  }
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    const type = (Object.keys(PROBLEM_TYPES) as (keyof typeof PROBLEM_TYPES)[]).find((k) => PROBLEM_TYPES[k].status === e.statusCode);
    if (type) return new Problem(type, { ko: PROBLEM_TYPES[type].title.ko, en: e.message });
  }
  return new Problem('internal');
}

export function sendProblem(req: FastifyRequest, reply: FastifyReply, problem: Problem): FastifyReply {
  for (const [k, v] of Object.entries(problem.headers)) reply.header(k, v);
  return reply
    .code(problem.status)
    .type('application/problem+json; charset=utf-8')
    .serializer((body: unknown) => JSON.stringify(body))
    .send(problem.toJSON(req.locale ?? 'ko', req.url, req.id));
}

/** Answers a request no route took, when it can (the web app's pages); false to let the 404 stand. */
export type Fallback = (req: FastifyRequest, reply: FastifyReply) => boolean;

export function registerErrorHandling(app: FastifyInstance, fallback: { current?: Fallback } = {}): void {
  app.setErrorHandler((error, req, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) {
      req.log.error({ err: error, serialization: isResponseSerializationError(error) }, 'request failed');
    } else {
      req.log.info({ problem: problem.type, status: problem.status }, 'request refused');
    }
    return sendProblem(req, reply, problem);
  });
  app.setNotFoundHandler((req, reply) => {
    if (fallback.current?.(req, reply)) return reply;
    return sendProblem(req, reply, new Problem('not-found', { ko: `${req.method} ${req.url} 경로가 없습니다`, en: `No route for ${req.method} ${req.url}` }));
  });
}
