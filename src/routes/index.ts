export { login, whoAmI } from './auth.js';
export * from './account/index.js';
export type { ConfigValue, ConfigValues } from './account/input.js';
export * from './role/index.js';
export * from './user/index.js';
export * from './group/index.js';
export * from './dataset/index.js';
export * from './card/index.js';
export * from './page/index.js';
