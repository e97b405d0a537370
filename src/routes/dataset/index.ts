// The public routes of the dataset family, by name (argument checks stay in their files).
export {
  DATASET_READ_BATCH,
  DATASET_REASSIGN_BATCH,
  getAccountDatasets,
  getDataset,
  getDatasets,
  getDatasetPermissions,
  getDatasetsOwnedBy,
  reassignDatasets,
  searchDatasets,
  shareDataset,
  type DatasetShareLevel,
  DATASET_SEARCH_PAGE,
} from './core.js';
export {
  AccountDatasetSchema,
  DatasetAccessEntrySchema,
  DatasetSchema,
  type AccountDataset,
  type Dataset,
  type DatasetAccessEntry,
  type DatasetSearchRow,
} from './schemas.js';
