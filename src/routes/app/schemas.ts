import { z } from 'zod';
import { wireId } from '../../internal/ids.js';

/** An app owner: a user or a group. */
export const AppOwnerSchema = z.looseObject({
  id: wireId,
  type: z.enum(['USER', 'GROUP']),
  displayName: z.string().nullable().optional(),
});

/**
 * An App Studio app (or worksheet) as the admin summary and a read answer. Domo names its id `dataAppId` (DS: "apps
 * answer `dataAppId`, not `id`"); it is read into `id`.
 */
export const AppSchema = z
  .looseObject({
    dataAppId: wireId,
    title: z.string().nullable().optional(),
    owners: z.array(AppOwnerSchema).nullable().optional(),
    lastModified: z.number().nullable().optional(),
  })
  .transform(({ dataAppId, title, ...rest }) => ({ ...rest, id: dataAppId, title: title ?? '' }));
export type App = z.output<typeof AppSchema>;

export const AppSummariesSchema = z.looseObject({
  dataAppAdminSummaries: z.array(AppSchema).optional().default([]),
});

/** One principal's access to an app. */
export const AppAccessEntrySchema = z.looseObject({
  type: z.enum(['USER', 'GROUP']),
  id: wireId,
  name: z.string().nullable().optional(),
  accessLevel: z.string().nullable().optional(),
});
export type AppAccessEntry = z.infer<typeof AppAccessEntrySchema>;
