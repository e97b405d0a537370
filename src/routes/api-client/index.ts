// The public routes of the API-client family, by name (argument checks stay in their files).
export { getApiClients, revokeApiClient } from './core.js';
export { ApiClientListSchema, ApiClientSchema, type ApiClient } from './schemas.js';
