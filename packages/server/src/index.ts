export { buildApp } from './app.js';
export { createContext } from './createContext.js';
export { initDataDir, openDataDir, dataPaths } from './dataDir.js';
export { defaultConfig, parseConfig } from './config.js';
export type { ServerConfig, CaptchaPolicy } from './config.js';
export type { AppContext } from './context.js';
export { openSqliteStore } from './store/index.js';
export { openPostgresStore, type PostgresStoreOptions } from './store/postgres/index.js';
export type { Store } from './store/index.js';
