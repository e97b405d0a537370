export * from './schemas.js';
export * from './core.js';
export * from './oauth.js';
export * from './config.js';
export * from './crud.js';
export * from './sharing.js';
