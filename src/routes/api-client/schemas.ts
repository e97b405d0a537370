import { z } from 'zod';

/**
 * An API client (OAuth client credentials) as `GET /api/identity/v1/developer-tokens` lists it (DL): `id`, `name`,
 * `clientId`, `scopes`, `description` and its owner as `userId`. Never its secret. DL notes the answer was once
 * wrapped in `entries` (a change of 2025-06-10, since undone): both are read.
 */
export const ApiClientSchema = z.looseObject({
  id: z.union([z.number(), z.string().min(1)]).transform(String),
  name: z.string().nullable().optional(),
  clientId: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  scopes: z.array(z.string()).nullable().optional(),
  userId: z.union([z.number(), z.string()]).nullable().optional(),
});
export type ApiClient = z.infer<typeof ApiClientSchema>;

export const ApiClientListSchema = z.union([
  z.array(ApiClientSchema),
  z.looseObject({ entries: z.array(ApiClientSchema) }).transform((answer) => answer.entries),
]);
