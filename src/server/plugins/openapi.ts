import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/** OpenAPI 3.1 from the routes' zod schemas, at /api/openapi.json, and a readable page at /api/docs. */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'sehub API',
        version,
        description: [
          '사회적경제 지원센터 플랫폼 sehub의 API입니다. · The API of sehub, the social-economy support centre platform.',
          '',
          'Authentication: a browser signs in at `POST /api/v1/auth/login` and gets an HttpOnly session cookie; every POST, PUT, PATCH and DELETE',
          'made with that cookie must carry the session\'s CSRF token in the `x-csrf-token` header. Machine clients send',
          '`Authorization: Bearer <token>` with an API token (created at `POST /api/v1/me/tokens`), limited to its scopes.',
          '',
          'Errors are RFC 9457 `application/problem+json` with a stable `type`, Korean and English `messages` and, for invalid',
          'input, `errors[]` naming each field. Answers are in Korean unless `Accept-Language` asks for English.',
        ].join('\n'),
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sehub_session' },
          apiToken: { type: 'http', scheme: 'bearer', description: 'sehub_… API token' },
        },
      },
      security: [{ session: [] }, { apiToken: [] }, {}],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    uiConfig: { docExpansion: 'list', deepLinking: true, url: '/api/openapi.json' },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
