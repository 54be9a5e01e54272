// Public surface of the directory module.
import type { Db } from '../../db/engine.ts';
import { findById } from './repository.ts';

export { createDirectoryService, type DirectoryService, type Organization, type Taxonomy } from './service.ts';
export { directoryRoutes } from './routes.ts';
export { MapClusters } from './map.ts';
export { organizationJsonLd } from './jsonld.ts';

export async function organizationExists(db: Db, id: string): Promise<boolean> {
  return (await findById(db, id)) !== undefined;
}
