/**
 * Push login with the mobile natural-person certificate (行動自然人憑證): the TW FidO relying-party
 * protocol (SP-API-ATH-01 getSpTicket, ATH-03 requestAthOrSignPush, ATH-02 getAthOrSignResult),
 * its AES-256-GCM checksums in both directions, number matching, verification of the phone's
 * signed answer, and the service and phone sides used by the emulator and the phone simulator.
 */
export type {
  HashAlgorithm,
  OpCode,
  OpMode,
  PushRequest,
  ResultRequest,
  ServiceEnvelope,
  ServiceError,
  SignInfo,
  SignResult,
  SignResultResponse,
  SignType,
  SpTicket,
  SpTicketRequest,
  TbsEncoding,
  TicketResponse,
  TicketResult,
} from './types.js';
export { computeChecksum, checksumLayout } from './computeChecksum.js';
export type { ComputeChecksumOptions } from './computeChecksum.js';
export { verifyChecksum } from './verifyChecksum.js';
export type { ChecksumCheck, VerifyChecksumOptions } from './verifyChecksum.js';
export { checksumFields, checksumValues } from './lib/checksumFields.js';
export type { ChecksumMessage, FieldValue } from './lib/checksumFields.js';
export { decodeServiceKey } from './lib/serviceKey.js';
export { timeLimitSeconds, maxSignDataChars } from './lib/checkRequestFields.js';
export { buildSpTicketRequest } from './buildSpTicketRequest.js';
export type { BuildSpTicketRequestOptions } from './buildSpTicketRequest.js';
export { buildPushRequest } from './buildPushRequest.js';
export type { BuildPushRequestOptions } from './buildPushRequest.js';
export { buildResultRequest } from './buildResultRequest.js';
export type { BuildResultRequestOptions } from './buildResultRequest.js';
export { parseSpTicket } from './parseSpTicket.js';
export { parseTicketResponse } from './parseTicketResponse.js';
export type { TicketOutcome } from './parseTicketResponse.js';
export { parseResultResponse } from './parseResultResponse.js';
export type { ResultOutcome, SignOutcome } from './parseResultResponse.js';
export { serviceError, normalizeServiceCode, isPendingServiceCode, pendingServiceCodes } from './serviceErrors.js';
export { pushSignData, pushSignInfo, readPushSignData, signInfoBytes } from './pushSignData.js';
export type { PushSignContent } from './pushSignData.js';
export { createMatchCode, createTransactionId, matchCodeFromHint, pushHint } from './matchCode.js';
export { describeHashedIdNum, hashIdNum, matchesHashedIdNum } from './hashIdNum.js';
export { checksumIv, checksumIvModes } from './checksumIv.js';
export type { ChecksumIvMode } from './checksumIv.js';
export { verifySignedResponse } from './verifySignedResponse.js';
export type { SignedResponseResult, VerifySignedResponseOptions } from './verifySignedResponse.js';
// phone side (the simulator)
export { signPushRequest } from './device/signPushRequest.js';
export { bindingContent } from './device/bindingContent.js';
export type { BindingContent } from './device/bindingContent.js';
// service side (the emulator)
export { buildTicketResponse } from './service/buildTicketResponse.js';
export { buildSignResultResponse } from './service/buildSignResultResponse.js';
export { serviceErrorResponse } from './service/serviceErrorResponse.js';
export type { ServiceInterface } from './service/serviceErrorResponse.js';
export { checkSpChecksum } from './service/checkSpChecksum.js';
