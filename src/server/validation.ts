import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import type { $ZodIssue } from 'zod/v4/core';

/** Carries zod's issues to the error handler, which turns them into a bilingual problem. */
export class InputInvalid extends Error {
  validationContext?: string;
  constructor(readonly issues: readonly $ZodIssue[]) {
    super('input is not valid');
    this.name = 'InputInvalid';
  }
}

/** Validates requests with zod, keeping the raw issues (fastify-type-provider-zod flattens them). */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data);
    return result.success ? { value: result.data } : { error: new InputInvalid(result.error.issues) };
  };
