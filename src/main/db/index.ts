export { capabilitiesOf, type Capabilities } from './capabilities';
export { codecsFor, type Codecs } from './codecs';
export { createDb } from './create-db';
export { migrateToLatest } from './migrator';
export type * from './schema';
