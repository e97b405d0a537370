// The public routes of the AppDB family, by name (argument checks stay in their files).
export {
  APPDB_PAGE,
  getAppDbCollection,
  getAppDbDatastore,
  queryAppDbCollections,
  setAppDbCollectionOwner,
} from './core.js';
export { AppDbCollectionSchema, AppDbDatastoreSchema, type AppDbCollection, type AppDbDatastore } from './schemas.js';
