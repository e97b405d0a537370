import { z } from 'zod';
import { wireId } from '../../internal/ids.js';

/** A dataset a dataflow reads or writes. */
export const DataflowDatasetSchema = z.looseObject({
  dataSourceId: z.string(),
  dataSourceName: z.string().nullable().optional(),
});

/**
 * A dataflow as `GET /api/dataprocessing/v1/dataflows/{id}` answers (DL `get_dataflow_by_id`, DS): its one owner is
 * the responsible user; inputs and outputs are datasets. A deleted dataflow still answers, with `deleted: true` (DS).
 */
export const DataflowSchema = z.looseObject({
  id: wireId,
  name: z.string(),
  description: z.string().nullable().optional(),
  responsibleUserId: wireId.nullable().optional(),
  inputs: z.array(DataflowDatasetSchema).nullable().optional(),
  outputs: z.array(DataflowDatasetSchema).nullable().optional(),
  databaseType: z.string().nullable().optional(),
  deleted: z.boolean().nullable().optional(),
  created: z.number().nullable().optional(),
  modified: z.number().nullable().optional(),
});
export type Dataflow = z.infer<typeof DataflowSchema>;

/** A dataflow row of the datacenter search (`searchObjects`); its owner comes from the lagging index. */
export const DataflowSearchRowSchema = z.looseObject({
  databaseId: wireId,
  name: z.string().nullable().optional(),
  ownedById: z
    .union([wireId, z.literal('')])
    .nullable()
    .optional(),
  ownedByName: z.string().nullable().optional(),
});
export type DataflowSearchRow = z.infer<typeof DataflowSearchRowSchema>;
