// The public routes of the access-token family, by name (argument checks stay in their files).
export { createAccessToken, getAccessTokens, revokeAccessToken, type CreateAccessTokenInput } from './core.js';
export { AccessTokenSchema, CreatedAccessTokenSchema, type AccessToken, type CreatedAccessToken } from './schemas.js';
