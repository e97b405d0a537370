// The public routes of the session family, by name (argument checks stay in their files).
export { endSession, getSessions, SESSION_LIST_LIMIT } from './core.js';
export { SessionSchema, type Session } from './schemas.js';
