export { DomoAuth, type DomoAuthOptions } from './base.js';
export { DomoTokenAuth, type DomoTokenAuthOptions } from './token.js';
export { DomoFullAuth, type DomoFullAuthOptions } from './full.js';
export { authFromEnv, hasEnvCredentials } from './env.js';
export { normalizeInstance } from './instance.js';
export { requestSession, type LoginResult } from './login.js';
export { CurrentUserSchema, DomoUserSchema, type CurrentUser } from './user.js';
