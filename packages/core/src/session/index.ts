export { createSessionToken, hashSessionToken, isSessionToken, sessionTokenPrefix } from './sessionToken.js';
export { sessionState, sessionDefaults } from './sessionExpiry.js';
export type { SessionState, SessionTimes } from './sessionExpiry.js';
