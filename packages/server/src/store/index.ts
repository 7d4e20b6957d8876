export type * from './Store.js';
export { openSqliteStore } from './sqlite/openSqliteStore.js';
