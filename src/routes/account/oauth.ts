import { z } from 'zod';
import type { DomoAuth } from '../../auth/base.js';
import { DomoNotFoundError } from '../../client/errors.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { checkId } from '../../internal/input.js';
import { OAuthAccountSchema, type OAuthAccount } from './schemas.js';

/** Built once: a schema made per call is compiled again per call. */
const OAuthAccountListSchema = z.array(OAuthAccountSchema);

const LIST_PATH = '/api/data/v1/accounts/templates/user/extended';

/** The hint for an OAuth template the caller cannot see. */
export const oauthNotFound = (id: number) => `OAuth account ${id} not found or not shared with you`;

/**
 * The OAuth account templates (customer OAuth app configurations) the caller can read.
 *
 * Endpoint: `GET /api/data/v1/accounts/templates/user/extended`
 * @remarks Template ids are a separate sequence from account ids: template 5 and account 5 are unrelated.
 * @example
 * ```ts
 * const { data: templates } = await getOAuthAccounts(auth);
 * ```
 */
export async function getOAuthAccounts(
  auth: DomoAuth,
  options?: RequestOptions,
): Promise<DomoResponse<OAuthAccount[]>> {
  return auth.transport.request(
    { route: 'getOAuthAccounts', method: 'GET', path: LIST_PATH, schema: OAuthAccountListSchema },
    options,
  );
}

/**
 * One OAuth account template. Domo has no endpoint for it: the list is read and filtered by id.
 *
 * Endpoint: `GET /api/data/v1/accounts/templates/user/extended`, filtered client-side
 * @throws {DomoInputError} `id` is not a positive integer (nothing is sent)
 * @throws {DomoNotFoundError} not in the list: missing or not shared with you
 * @example
 * ```ts
 * const { data: template } = await getOAuthAccountById(auth, 1);
 * ```
 */
export async function getOAuthAccountById(
  auth: DomoAuth,
  id: number,
  options?: RequestOptions,
): Promise<DomoResponse<OAuthAccount>> {
  const templateId = checkId(id, 'id', 'getOAuthAccountById');
  const { status, data } = await getOAuthAccounts(auth, options);
  const template = data.find((item) => item.id === templateId);
  if (!template) {
    throw new DomoNotFoundError({
      status: 404,
      method: 'GET',
      url: auth.baseUrl + LIST_PATH,
      route: 'getOAuthAccountById',
      attempts: 1,
      hint: `${oauthNotFound(templateId)} (not among the ${data.length} templates listed)`,
    });
  }
  return { status, data: template };
}
