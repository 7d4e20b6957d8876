export { openPostgresStore, type PostgresStoreOptions } from './openPostgresStore.js';
export { redactUrl } from './redactUrl.js';
