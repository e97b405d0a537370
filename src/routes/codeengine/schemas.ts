import { z } from 'zod';
import { wireId } from '../../internal/ids.js';
import { UUID } from '../../internal/input.js';

/** A Code Engine package as `GET /api/codeengine/v2/packages/{id}` answers (DL, DS): one owner. */
export const CodeEnginePackageSchema = z.looseObject({
  id: z.string().regex(UUID, 'expected a package id (a UUID)'),
  name: z.string(),
  owner: wireId.nullable().optional(),
  language: z.string().nullable().optional(),
  createdOn: z.union([z.number(), z.string()]).nullable().optional(),
  updatedOn: z.union([z.number(), z.string()]).nullable().optional(),
});
export type CodeEnginePackage = z.infer<typeof CodeEnginePackageSchema>;

/** A package row of the datacenter search (`searchResultsMap.package`, DS reads `uuid`); its owner from the lagging index. */
export const CodeEngineSearchRowSchema = z.looseObject({
  uuid: z.string().regex(UUID, 'expected a package id (a UUID)'),
  name: z.string().nullable().optional(),
  ownedById: z
    .union([wireId, z.literal('')])
    .nullable()
    .optional(),
});
export type CodeEngineSearchRow = z.infer<typeof CodeEngineSearchRowSchema>;
