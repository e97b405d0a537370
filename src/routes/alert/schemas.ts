import { z } from 'zod';
import { wireId } from '../../internal/ids.js';

/**
 * An alert as `GET /api/social/v4/alerts/{id}` and the alert list answer (DS): one owner (a user id); it watches a
 * card (`resourceType` `CARD`, `resourceId` the card id).
 */
export const AlertSchema = z.looseObject({
  id: wireId,
  name: z.string().nullable().optional(),
  owner: wireId.nullable().optional(),
  resourceType: z.string().nullable().optional(),
  resourceId: z.union([z.string(), z.number()]).nullable().optional(),
  active: z.boolean().nullable().optional(),
  createdAt: z.union([z.number(), z.string()]).nullable().optional(),
  updatedAt: z.union([z.number(), z.string()]).nullable().optional(),
});
export type Alert = z.infer<typeof AlertSchema>;
