export { login, whoAmI } from './auth.js';
export * from './account/index.js';
export type { ConfigValue, ConfigValues } from './internal/input.js';
