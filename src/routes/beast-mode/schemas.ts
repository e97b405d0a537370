import { z } from 'zod';
import { wireId } from '../../internal/ids.js';

/** What a beast mode is attached to: a dataset (`DATA_SOURCE`) or a card, visible there or not. */
export const BeastModeLinkSchema = z.looseObject({
  resource: z.looseObject({ type: z.string(), id: z.union([z.string(), z.number()]) }),
  visible: z.boolean().nullable().optional(),
  active: z.boolean().nullable().optional(),
});
export type BeastModeLink = z.infer<typeof BeastModeLinkSchema>;

/**
 * A beast mode (a calculated field) or a variable (`global: true`), as `GET /api/query/v1/functions/template/{id}
 * ?hidden=true` answers and the function search lists them (DS, DL): one owner; its `links` must be echoed back on an
 * ownership write.
 */
export const BeastModeSchema = z.looseObject({
  id: wireId,
  name: z.string(),
  owner: wireId.nullable().optional(),
  global: z.boolean().nullable().optional(),
  expression: z.string().nullable().optional(),
  links: z.array(BeastModeLinkSchema).nullable().optional(),
  created: z.number().nullable().optional(),
  lastModified: z.number().nullable().optional(),
});
export type BeastMode = z.infer<typeof BeastModeSchema>;

export const BeastModeSearchSchema = z.looseObject({
  results: z.array(BeastModeSchema).optional().default([]),
  totalHits: z.number().int().nonnegative().nullable().optional(),
});
