import { z } from 'zod';
import { UUID } from '../../internal/input.js';

/**
 * A workflow model as `GET /api/workflow/v1/models/{id}` answers (DS): the whole definition, which an ownership
 * write sends back with `owner` (a user id as a string) swapped.
 */
export const WorkflowSchema = z.looseObject({
  id: z.string().regex(UUID, 'expected a workflow id (a UUID)'),
  name: z.string(),
  owner: z
    .union([z.string().regex(/^\d{1,16}$/), z.number().int().positive()])
    .nullable()
    .optional(),
  description: z.string().nullable().optional(),
  createdOn: z.union([z.number(), z.string()]).nullable().optional(),
  updatedOn: z.union([z.number(), z.string()]).nullable().optional(),
});
export type Workflow = z.infer<typeof WorkflowSchema>;

/** A workflow row of the datacenter search (`searchResultsMap.workflow_model`, DS reads `uuid`). */
export const WorkflowSearchRowSchema = z.looseObject({
  uuid: z.string().regex(UUID, 'expected a workflow id (a UUID)'),
  name: z.string().nullable().optional(),
  ownedById: z
    .union([
      z
        .string()
        .regex(/^\d{1,16}$/)
        .transform(Number),
      z.number(),
      z.literal(''),
    ])
    .nullable()
    .optional(),
});
export type WorkflowSearchRow = z.infer<typeof WorkflowSearchRowSchema>;
