import { z } from 'zod';
import { wireId } from '../../internal/ids.js';

/** A page owner: a user or a group. */
export const PageOwnerSchema = z.looseObject({
  id: wireId,
  type: z.enum(['USER', 'GROUP']),
  displayName: z.string().nullable().optional(),
});

/**
 * A page as `adminsummary` lists it. Domo names its id `pageId` and its title `pageTitle` here (DS: "pages answer
 * with `pageId`"); both are read into `id` and `title`.
 */
export const PageSummarySchema = z
  .looseObject({
    pageId: wireId,
    pageTitle: z.string().nullable().optional(),
    parentPageId: wireId.nullable().optional(),
    owners: z.array(PageOwnerSchema).nullable().optional(),
  })
  .transform(({ pageId, pageTitle, ...rest }) => ({ ...rest, id: pageId, title: pageTitle ?? '' }));
export type PageSummary = z.output<typeof PageSummarySchema>;

/** `GET /api/content/v3/stacks/{id}/cards`: the page (its id as `pageId` or `id`) and the cards on it (DL). */
export const PageStackSchema = z.looseObject({
  page: z.looseObject({
    pageId: wireId.optional(),
    id: wireId.optional(),
    title: z.string().nullable().optional(),
    parentPageId: wireId.nullable().optional(),
    owners: z.array(PageOwnerSchema).nullable().optional(),
  }),
  cards: z
    .array(z.looseObject({ id: wireId }))
    .nullable()
    .optional(),
});
export type PageStack = z.infer<typeof PageStackSchema>;

export const PageSummariesSchema = z.looseObject({
  pageAdminSummaries: z.array(PageSummarySchema).optional().default([]),
});
