// The public routes of the fileset family, by name (argument checks stay in their files).
export { FILESET_PAGE, getFileset, searchFilesets, setFilesetOwner } from './core.js';
export { FilesetSchema, type Fileset } from './schemas.js';
