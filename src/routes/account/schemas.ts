import { z } from 'zod';
import { wireId } from '../../internal/ids.js';

export { wireId };

/** ms-epoch timestamps stay numbers at this layer; Domo sends null on fresh OAuth templates. */
const epoch = z.number().nullable().optional();

/** The fields accounts and OAuth templates share. */
const credentialFields = {
  id: z.number().int(),
  name: z.string(),
  displayName: z.string(),
  dataProviderType: z.string(),
  credentialsType: z.string().optional(),
  userId: z.number().int().optional(),
  createdAt: epoch,
  createdBy: z.number().int().nullable().optional(),
  modifiedAt: epoch,
  modifiedBy: z.number().int().nullable().optional(),
  configurations: z.record(z.string(), z.unknown()).optional(),
};

/** A credential account (domo-api.md §5.1). Unknown fields are kept. */
export const AccountSchema = z.looseObject({
  ...credentialFields,
  valid: z.boolean().optional(),
  type: z.string().optional(),
});
/** A credential account as Domo answers it. */
export type Account = z.infer<typeof AccountSchema>;

/** An OAuth account template (§5.2–§5.4). */
export const OAuthAccountSchema = z.looseObject({
  ...credentialFields,
  origin: z.string().optional(),
  enabled: z.boolean().optional(),
  datasourceCount: z.number().optional(),
  owners: z.array(z.looseObject({ type: z.string(), id: wireId })).optional(),
});
/** An OAuth account template as Domo answers it. */
export type OAuthAccount = z.infer<typeof OAuthAccountSchema>;

/** A flat provider config (§3). */
export const ConfigSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

/** A data provider (§5.6). */
export const DataProviderSchema = z.looseObject({
  id: z.number().int(),
  key: z.string(),
  name: z.string(),
  authenticationScheme: z.string().nullable().optional(),
  visibility: z.string().optional(),
  type: z.string().optional(),
});
/** A data provider (connector type). */
export type DataProvider = z.infer<typeof DataProviderSchema>;

/** One row of an access list (§5.7); ids are numbers here whatever the server sent. */
export const AccessEntrySchema = z.looseObject({
  type: z.enum(['USER', 'GROUP']),
  id: wireId,
  accessLevel: z.string(),
  name: z.string().optional(),
});
/** One row of an access list: a user or group and its access level. */
export type AccessEntry = z.infer<typeof AccessEntrySchema>;

/** An access list. */
export const AccessListSchema = z.array(AccessEntrySchema);
