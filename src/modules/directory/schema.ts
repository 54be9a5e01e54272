import { z } from 'zod';
import { pageQuery, pageSchema } from '../../kernel/pagination.ts';

export const organization = z
  .object({ id: z.uuid(), name: z.string(), nameEn: z.string().nullable(), createdAt: z.string(), updatedAt: z.string() })
  .meta({ id: 'Organization' });
export const organizationPage = pageSchema(organization);

const name = z.string().trim().min(1).max(200).describe('Korean name, as registered');
const nameEn = z.string().trim().max(200).nullable().describe('English name, if any');

export const createOrganizationBody = z.object({ name, nameEn: nameEn.optional() });
export const updateOrganizationBody = z
  .object({ name: name.optional(), nameEn: nameEn.optional() })
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change', params: { ko: '바꿀 내용이 없습니다' } });
export const organizationQuery = z.object({ q: z.string().trim().max(100).optional(), ...pageQuery });
export const organizationParam = z.object({ id: z.uuid() });
