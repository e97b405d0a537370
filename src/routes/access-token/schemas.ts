import { z } from 'zod';
import { Secret } from '../../client/secret.js';

/**
 * A token id: DL types it a number (its class a string), DS examples use `42`, a public bookmarklet refuses anything
 * but a UUID (domo-api-admin.md §5). Read as an opaque string.
 */
const TokenId = z.union([z.string().min(1), z.number()]).transform(String);

/**
 * An access token as `GET /api/data/v1/accesstokens` lists it (DL, DS, GDG): never its value. `ownerName` is often
 * null when the owner is deleted; `expires` is epoch ms.
 */
export const AccessTokenSchema = z.looseObject({
  id: TokenId,
  name: z.string().nullable().optional(),
  ownerId: z.number().int().nullable().optional(),
  ownerName: z.string().nullable().optional(),
  ownerEmail: z.string().nullable().optional(),
  expires: z.number().nullable().optional(),
  created: z.union([z.number(), z.string()]).nullable().optional(),
});
export type AccessToken = z.infer<typeof AccessTokenSchema>;

/**
 * What creating one answers: the token and its value — the only time Domo shows it (`token`, "DDCI…" per IDX-LO),
 * read here straight into a {@link Secret} so that it never prints. No `token` is an error (DL raises too).
 */
export const CreatedAccessTokenSchema = AccessTokenSchema.extend({
  token: z
    .string()
    .min(1)
    .transform((value) => new Secret(value)),
});
export type CreatedAccessToken = z.infer<typeof CreatedAccessTokenSchema>;
