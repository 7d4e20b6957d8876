export { createClient, normalizeServerUrl } from './createClient.js';
export type { ClientOptions, GcisClient } from './createClient.js';
export { describeNetworkFailure, type NetworkFailure } from './describeNetworkFailure.js';
export { proxyFromEnv, type ProxyEnv } from './proxyFromEnv.js';
