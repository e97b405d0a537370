import { z } from 'zod';
import { wireId } from '../../internal/ids.js';

/** A dataset id: a UUID (Domo's "DataSource" ids are strings, not numbers). */
export const DATASET_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A dataset as `GET /api/data/v3/datasources/{id}` answers; the owner is the one responsible user. */
export const DatasetSchema = z.looseObject({
  id: z.string().regex(DATASET_ID, 'expected a dataset id (a UUID)'),
  name: z.string(),
  description: z.string().nullable().optional(),
  dataProviderType: z.string().nullable().optional(),
  displayType: z.string().nullable().optional(),
  owner: z
    .looseObject({ id: wireId, name: z.string().nullable().optional(), type: z.string().optional() })
    .nullable()
    .optional(),
  accountId: wireId.nullable().optional(),
  rowCount: z.number().nullable().optional(),
  columnCount: z.number().nullable().optional(),
  created: z.number().nullable().optional(),
  lastUpdated: z.number().nullable().optional(),
});
/** A dataset. */
export type Dataset = z.infer<typeof DatasetSchema>;

/** One principal's access to a dataset; `OWNER` is the responsible user, `CO_OWNER` a shared owner. */
export const DatasetAccessEntrySchema = z.looseObject({
  type: z.enum(['USER', 'GROUP']),
  id: wireId,
  name: z.string().nullable().optional(),
  accessLevel: z.string(),
});
export type DatasetAccessEntry = z.infer<typeof DatasetAccessEntrySchema>;

/** `GET …/permissions`: `{ list }` (PM/DL); a bare array is read too **(inference: the sources show no answer)**. */
export const DatasetPermissionsSchema = z.union([
  z.array(DatasetAccessEntrySchema),
  z.looseObject({ list: z.array(DatasetAccessEntrySchema) }).transform((body) => body.list),
]);

/** `POST /api/data/ui/v3/datasources/ownedBy`: per principal asked about, the ids of the datasets it owns. */
export const OwnedBySchema = z.array(
  z.looseObject({ id: wireId.optional(), dataSourceIds: z.array(z.string().regex(DATASET_ID)) }),
);

/** A row of `GET /api/data/v2/datasources/account/{id}` (PM): a dataset the account loads. */
export const AccountDatasetSchema = z.looseObject({
  dataSourceId: z.string().regex(DATASET_ID),
  dataSourceName: z.string().nullable().optional(),
  dataProviderType: z.string().nullable().optional(),
  responsibleUserId: wireId.nullable().optional(),
  lastUpdated: z.number().nullable().optional(),
});
export type AccountDataset = z.infer<typeof AccountDatasetSchema>;

/**
 * A dataset as the datacenter search lists it: `databaseId` is the dataset id. Its owner fields come from the search
 * index, which lags ownership writes (DS): read the dataset itself to know who owns it now. Fields beyond
 * `databaseId`, `name` and `ownedById` are an **(inference)** from the search's filter and facet names.
 */
export const DatasetSearchRowSchema = z.looseObject({
  databaseId: z.string().regex(DATASET_ID),
  name: z.string(),
  description: z.string().nullable().optional(),
  ownedById: wireId.nullable().optional(),
  ownedByName: z.string().nullable().optional(),
  dataProviderType: z.string().nullable().optional(),
  rowCount: z.number().nullable().optional(),
  createDate: z.number().nullable().optional(),
  lastUpdated: z.number().nullable().optional(),
});
export type DatasetSearchRow = z.infer<typeof DatasetSearchRowSchema>;

/** One page of the datacenter search: `searchObjects`, and `totalResultCount` when Domo sends it. */
export const DatasetSearchPageSchema = z.looseObject({
  searchObjects: z.array(DatasetSearchRowSchema).optional().default([]),
  totalResultCount: z.number().int().nonnegative().optional(),
});
