/**
 * `@gcis/core`: every protocol of the gcis login toolkit, both sides. The root re-exports the
 * whole public API; each concern is also a subpath (`@gcis/core/totp`, `@gcis/core/x509`, …) for
 * programs that load only what they use, as the `gcis` CLI does. See packages/core/README.md.
 */
export * from './errors.js';
export * from './ports.js';
export * from './id/index.js';
export * from './password/index.js';
export * from './totp/index.js';
export * from './captcha/index.js';
export * from './checkcode/index.js';
export * from './session/index.js';
export * from './api/index.js';
export * from './client/index.js';
export * from './smartcard/index.js';
export * from './x509/index.js';
export * from './push/index.js';
