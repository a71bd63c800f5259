import { DEFAULT_DATA_SOURCE_NAME } from '@nestjs/typeorm/dist/typeorm.constants';
import { EntitiesMetadataStorage } from '@nestjs/typeorm/dist/entities-metadata.storage';
import { FEATURES } from '../features';

/**
 * The entities the feature modules register (`TypeOrmModule.forFeature`), for the connections made outside
 * the app: the command-line tools and the migration check. The app itself loads the same list through
 * `autoLoadEntities`. Importing the features is what registers them (forFeature runs when a module's file
 * is loaded); `FEATURES` is named so the import is not dropped as unused.
 */
export function moduleEntities(): NonNullable<ReturnType<typeof EntitiesMetadataStorage.getEntitiesByDataSource>> {
  if (FEATURES.length === 0) throw new Error('no feature modules');
  return EntitiesMetadataStorage.getEntitiesByDataSource(DEFAULT_DATA_SOURCE_NAME) ?? [];
}
