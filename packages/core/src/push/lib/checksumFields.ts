/**
 * What each checksum covers, in order (行動自然人憑證應用程式介面規格書 §參.二, the "Payload" note of
 * each interface). An optional field that is not sent counts as the empty string, never skipped.
 */
export const checksumFields = {
  /** ATH-01 getSpTicket, sp_checksum. */
  spTicketRequest: ['transaction_id', 'sp_service_id', 'id_num', 'op_code', 'op_mode', 'hint', 'sign_data'],
  /** ATH-03 requestAthOrSignPush, sp_checksum. */
  pushRequest: ['transaction_id', 'sp_service_id', 'id_num', 'device_user_def_desc', 'op_code', 'hint', 'sign_data'],
  /** ATH-02 getAthOrSignResult, sp_checksum. */
  resultRequest: ['transaction_id', 'sp_service_id', 'sp_ticket_id'],
  /** ATH-01 / ATH-03 answers, idp_checksum. */
  ticketResponse: ['transaction_id', 'error_code', 'sp_ticket'],
  /** ATH-02 answer, idp_checksum. The certificate is not covered: it is checked by path validation. */
  resultResponse: ['transaction_id', 'error_code', 'hashed_id_num', 'signed_response'],
} as const;

export type ChecksumMessage = keyof typeof checksumFields;

export type FieldValue = string | number | undefined | null;

/** The values of `message`'s checksum fields, in order, from a flat record (sign_info.sign_data as `sign_data`). */
export function checksumValues(message: ChecksumMessage, values: Readonly<Record<string, FieldValue>>): FieldValue[] {
  return checksumFields[message].map((name) => values[name]);
}
