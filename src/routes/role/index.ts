export * from './schemas.js';
export * from './core.js';
export * from './grants.js';
export * from './members.js';
export * from './default.js';
