import { z } from 'zod';
import { wireId } from '../../internal/ids.js';
import { UUID } from '../../internal/input.js';

const uuid = z.string().regex(UUID, 'expected a UUID');

/**
 * An AppDB collection as `GET /api/datastores/v1/collections/{id}` and the collection query answer (DS): one owner;
 * it lives in a datastore (an app's store). `documentCount` is always 0 (DS trap): not read.
 */
export const AppDbCollectionSchema = z.looseObject({
  id: uuid,
  name: z.string(),
  owner: wireId.nullable().optional(),
  datastoreId: uuid.nullable().optional(),
  createdOn: z.union([z.number(), z.string()]).nullable().optional(),
  updatedOn: z.union([z.number(), z.string()]).nullable().optional(),
});
export type AppDbCollection = z.infer<typeof AppDbCollectionSchema>;

export const AppDbCollectionPageSchema = z.looseObject({
  collections: z.array(AppDbCollectionSchema).optional().default([]),
});

/** A datastore (the store an app's collections live in): its owner cannot be changed (DS: writes are ignored). */
export const AppDbDatastoreSchema = z.looseObject({
  id: uuid,
  name: z.string().nullable().optional(),
  owner: wireId.nullable().optional(),
});
export type AppDbDatastore = z.infer<typeof AppDbDatastoreSchema>;
