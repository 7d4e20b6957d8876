export { validateNationalId, maskNationalId } from './validateNationalId.js';
export type { NationalIdKind, NationalIdResult } from './validateNationalId.js';
