export { createClient, normalizeServerUrl } from './createClient.js';
export type { ClientOptions, GcisClient } from './createClient.js';
