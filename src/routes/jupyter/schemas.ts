import { z } from 'zod';
import { wireId } from '../../internal/ids.js';
import { UUID } from '../../internal/input.js';

/** A Jupyter workspace as its read and the workspace search answer (DS): one owner. */
export const JupyterWorkspaceSchema = z.looseObject({
  id: z.string().regex(UUID, 'expected a workspace id (a UUID)'),
  name: z.string(),
  owner: wireId.nullable().optional(),
  createdAt: z.union([z.number(), z.string()]).nullable().optional(),
  updatedAt: z.union([z.number(), z.string()]).nullable().optional(),
});
export type JupyterWorkspace = z.infer<typeof JupyterWorkspaceSchema>;

export const JupyterSearchSchema = z.looseObject({
  workspaces: z.array(JupyterWorkspaceSchema).optional().default([]),
  totalWorkspaces: z.number().int().nonnegative().nullable().optional(),
});
