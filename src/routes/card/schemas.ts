import { z } from 'zod';
import { wireId } from '../../internal/ids.js';

/** A card owner: a user or a group (a card may have several of each). */
export const CardOwnerSchema = z.looseObject({
  id: wireId,
  type: z.enum(['USER', 'GROUP']),
  displayName: z.string().nullable().optional(),
});
export type CardOwner = z.infer<typeof CardOwnerSchema>;

/** A card as `GET /api/content/v1/cards?urns=…&parts=owners,datasources` answers (PM, DL). */
export const CardSchema = z.looseObject({
  id: wireId,
  title: z.string().nullable().optional(),
  type: z.string().nullable().optional(),
  owners: z.array(CardOwnerSchema).nullable().optional(),
  datasources: z
    .array(z.looseObject({ dataSourceId: z.string(), dataSourceName: z.string().nullable().optional() }))
    .nullable()
    .optional(),
  created: z.number().nullable().optional(),
  lastModified: z.number().nullable().optional(),
});
export type Card = z.infer<typeof CardSchema>;

/** A card row of the datacenter search (`searchResultsMap.card`); its owners come from the lagging index. */
export const CardSearchRowSchema = z.looseObject({
  databaseId: wireId,
  title: z.string().nullable().optional(),
  ownedById: z
    .union([wireId, z.literal('')])
    .nullable()
    .optional(),
});
export type CardSearchRow = z.infer<typeof CardSearchRowSchema>;

export const CardSearchPageSchema = z.looseObject({
  searchResultsMap: z.looseObject({ card: z.array(CardSearchRowSchema).optional().default([]) }).optional(),
  totalResultCount: z.number().int().nonnegative().optional(),
});
