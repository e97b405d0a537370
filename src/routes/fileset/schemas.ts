import { z } from 'zod';
import { wireId } from '../../internal/ids.js';
import { UUID } from '../../internal/input.js';

/** A fileset as its read and the fileset search answer (DS): one owner. */
export const FilesetSchema = z.looseObject({
  id: z.string().regex(UUID, 'expected a fileset id (a UUID)'),
  name: z.string(),
  owner: wireId.nullable().optional(),
  created: z.union([z.number(), z.string()]).nullable().optional(),
  updated: z.union([z.number(), z.string()]).nullable().optional(),
});
export type Fileset = z.infer<typeof FilesetSchema>;

export const FilesetSearchSchema = z.looseObject({
  filesets: z.array(FilesetSchema).optional().default([]),
  total: z.number().int().nonnegative().nullable().optional(),
});
