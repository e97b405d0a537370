export * from './schemas.js';
export * from './core.js';
export * from './search.js';
