import type { GcisErrorCode } from '../errors.js';

/**
 * The TW FidO relying-party messages (行動自然人憑證應用程式介面規格書, SP-API-ATH-01/02/03) with the
 * spec's own snake_case field names, so what is logged matches the wire.
 */
export type OpCode = 'ATH' | 'SIGN';
export type OpMode = 'I-SCAN' | 'APP2APP' | 'MWEB2APP';
export type SignType = 'PKCS#1' | 'PKCS#7' | 'RAW';
export type TbsEncoding = 'NONE' | 'base64';
export type HashAlgorithm = 'SHA256' | 'SHA384' | 'SHA512';

/** What the phone signs, for op_code SIGN. `sign_data` is at most 1024 characters (SIGNDATA_LEN_LIMIT). */
export type SignInfo = {
  sign_type: SignType;
  sign_data: string;
  tbs_encoding: TbsEncoding;
  hash_algorithm?: HashAlgorithm;
};

type SpFields = { transaction_id: string; sp_service_id: string; sp_checksum: string };

/** ATH-01 getSpTicket: a ticket the phone picks up by QR code or app link (no push). */
export type SpTicketRequest = SpFields & {
  id_num: string;
  op_code: OpCode;
  op_mode: OpMode;
  hint: string;
  time_limit?: number;
  sign_info?: SignInfo;
};

/** ATH-03 requestAthOrSignPush: the service pushes the request to the devices bound to `id_num`. */
export type PushRequest = SpFields & {
  id_num: string;
  op_code: OpCode;
  hint: string;
  /** Only this device (its user-given name); absent: every device bound to the ID. */
  device_user_def_desc?: string;
  time_limit?: number;
  sign_info?: SignInfo;
};

/** ATH-02 getAthOrSignResult: polled no faster than every 4 s. */
export type ResultRequest = SpFields & { sp_ticket_id: string };

/** Every answer: `error_code` "0" on success, else a service code (prefixed by the interface, e.g. SP-API-ATH-03-IDNUM_DEVPROF_NF). */
export type ServiceEnvelope<T> = { error_code: string; error_message: string; transaction_id?: string; result?: T };

export type TicketResult = { sp_ticket: string; idp_checksum: string };

export type SignResult = {
  hashed_id_num: string;
  /** PKCS#1: the signature, base64. */
  signed_response?: string;
  /** The signer's certificate, base64 DER. */
  cert?: string;
  idp_checksum: string;
};

export type TicketResponse = ServiceEnvelope<TicketResult>;
export type SignResultResponse = ServiceEnvelope<SignResult>;

/** The JSON inside an sp_ticket (`base64url(JSON) "." digest`); the digest is the service's, opaque to us. */
export type SpTicket = {
  transaction_id: string;
  sp_ticket_id: string;
  op_code?: string;
  op_mode?: string;
  sp_service_id?: string;
  sp_name?: string;
  hint?: string;
  expiration_time?: string;
  hashed_id_num?: string;
  version?: string;
};

/** A service error code read off the wire, with the GcisError code it means to us. */
export type ServiceError = {
  /** Without the interface prefix, e.g. IDNUM_DEVPROF_NF. */
  serviceCode: string;
  code: GcisErrorCode;
  message: string;
};
