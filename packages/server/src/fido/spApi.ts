import { createHmac } from 'node:crypto';
import { maskNationalId, validateNationalId } from '@gcis/core/id';
import {
  buildSignResultResponse,
  buildTicketResponse,
  checkSpChecksum,
  hashIdNum,
  maxSignDataChars,
  serviceErrorResponse,
  timeLimitSeconds,
  type ServiceInterface,
  type SignInfo,
} from '@gcis/core/push';
import type { EmulatedRequest, EmulatorWorld, ServiceProvider } from './emulatorWorld.js';
import { pruneWorld } from './emulatorWorld.js';

/** A service answer: HTTP 200 with error_code, as the service answers protocol errors too. */
type Answer = Record<string, unknown>;

class ServiceRefusal extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** SP-API-ATH-03 requestAthOrSignPush: a request for every device bound to the ID (or the one named). */
export function requestAthOrSignPush(world: EmulatorWorld, raw: unknown): Answer {
  return answer('ATH-03', () => createRequest(world, raw, 'pushRequest'));
}

/** SP-API-ATH-01 getSpTicket: the same request, for a phone to pick up by QR code or app link. */
export function getSpTicket(world: EmulatorWorld, raw: unknown): Answer {
  return answer('ATH-01', () => createRequest(world, raw, 'spTicketRequest'));
}

/**
 * SP-API-ATH-02 getAthOrSignResult: 20002 while no phone has opened the request, 20003 once one
 * has, then the signed result (or APP_USER_CANCEL) exactly once; SPTKTID_SPTKT_RDM after that,
 * SPTKT_OVD past the time limit.
 */
export function getAthOrSignResult(world: EmulatorWorld, raw: unknown): Answer {
  return answer('ATH-02', () => {
    const body = record(raw);
    const sp = provider(world, body);
    if (!checkSpChecksum('resultRequest', body, sp.key)) throw new ServiceRefusal('INV_SP_CHECKSUM', 'SP CHECKSUM 檢驗失敗');
    const request = world.requests.get(String(body.sp_ticket_id ?? ''));
    if (!request || request.serviceId !== sp.serviceId || request.transactionId !== body.transaction_id) {
      throw new ServiceRefusal('SPTKTID_SPTKT_NF', 'Sp_ticket_id 未找到對應之Sp_ticket');
    }
    const now = world.clock.now();
    request.polls.push(now);
    switch (request.state) {
      case 'redeemed':
        throw new ServiceRefusal('SPTKTID_SPTKT_RDM', 'Sp_ticket_id 對應之Sp_ticket 已經被使用過');
      case 'denied':
        request.state = 'redeemed';
        throw new ServiceRefusal('APP_USER_CANCEL', 'APP 簽章時使用者取消');
      case 'approved': {
        request.state = 'redeemed';
        const { signedResponse, certificate } = request.answer!;
        const hashedIdNum = answeredIdHash(world, request.idHash);
        return buildSignResultResponse({ key: sp.key, transactionId: request.transactionId, hashedIdNum, signedResponse, certificate });
      }
      default:
        if (now > request.expiresAt) throw new ServiceRefusal('SPTKT_OVD', 'Sp_ticket 逾期');
        return serviceErrorResponse('ATH-02', request.state === 'pushed' ? '20002' : '20003', '使用者認證/簽署作業尚未完成');
    }
  });
}

function createRequest(world: EmulatorWorld, raw: unknown, message: 'pushRequest' | 'spTicketRequest'): Answer {
  pruneWorld(world);
  const body = record(raw);
  const sp = provider(world, body);
  if (!checkSpChecksum(message, body, sp.key)) throw new ServiceRefusal('INV_SP_CHECKSUM', 'SP CHECKSUM 檢驗失敗');
  const id = validateNationalId(String(body.id_num ?? ''));
  if (!id.valid || id.id !== body.id_num) throw new ServiceRefusal('PM_IDN_FT_ERR', '身份證字號格式錯誤');
  const opCode = body.op_code;
  if (opCode !== 'ATH' && opCode !== 'SIGN') throw new ServiceRefusal('TGT_INV', '無效的操作對象代碼');
  const timeLimit = readTimeLimit(world, body.time_limit);
  const signInfo = readSignInfo(body.sign_info, opCode);
  const transactionId = String(body.transaction_id ?? '');
  if (!transactionId || world.transactions.has(`${sp.serviceId}:${transactionId}`)) {
    throw new ServiceRefusal('TXNLOG_INS_ERR', '認證簽署紀錄DB 資料表寫入失敗');
  }
  const idHash = hashIdNum(id.id);
  const devices = world.state.devices.filter((device) => device.idHash === idHash);
  if (devices.length === 0) throw new ServiceRefusal('IDNUM_DEVPROF_NF', '身分證字號未找到對應之裝置資訊');
  const deviceName = typeof body.device_user_def_desc === 'string' && body.device_user_def_desc ? body.device_user_def_desc : undefined;
  if (deviceName && !devices.some((device) => device.name === deviceName)) throw new ServiceRefusal('DEV_DESC_MISMATCH', '未找到對應之自訂裝置名稱');

  world.transactions.add(`${sp.serviceId}:${transactionId}`);
  const now = world.clock.now();
  const request: EmulatedRequest = {
    spTicketId: Buffer.from(world.random.bytes(16)).toString('hex'),
    transactionId,
    serviceId: sp.serviceId,
    spName: sp.name,
    idHash,
    maskedId: maskNationalId(id.id),
    opCode,
    opMode: message === 'pushRequest' ? 'PUSH' : String(body.op_mode ?? ''),
    hint: typeof body.hint === 'string' ? body.hint : '',
    signInfo,
    deviceName,
    createdAt: now,
    expiresAt: new Date(now.getTime() + timeLimit * 1000),
    state: 'pushed',
    polls: [],
  };
  world.requests.set(request.spTicketId, request);
  return buildTicketResponse({ key: sp.key, transactionId, spTicket: sealTicket(world, request) });
}

/** `base64url(JSON) "." base64url(HMAC)`: the fields the real ticket carries, sealed by the emulator. */
function sealTicket(world: EmulatorWorld, request: EmulatedRequest): string {
  const payload = Buffer.from(
    JSON.stringify({
      transaction_id: request.transactionId,
      op_code: request.opCode,
      op_mode: request.opMode,
      sp_service_id: request.serviceId,
      sp_ticket_id: request.spTicketId,
      sp_name: request.spName,
      hint: request.hint,
      expiration_time: request.expiresAt.toISOString(),
      hashed_id_num: request.idHash,
      version: '1.0',
    }),
  ).toString('base64url');
  return `${payload}.${createHmac('sha256', world.ticketKey).update(payload).digest('base64url')}`;
}

/** hashed_id_num as this emulator is set to answer it (EmulatorWorld.hashedIdNumForm). */
function answeredIdHash(world: EmulatorWorld, idHash: string): string {
  if (world.hashedIdNumForm === 'empty') return '';
  return world.hashedIdNumForm === 'sha256-base64' ? Buffer.from(idHash, 'hex').toString('base64') : idHash;
}

function readTimeLimit(world: EmulatorWorld, value: unknown): number {
  if (value === undefined || value === null || value === '') return world.defaultTimeLimitSeconds;
  const seconds = typeof value === 'number' ? value : /^\d+$/.test(String(value)) ? Number(value) : Number.NaN;
  if (!Number.isInteger(seconds)) throw new ServiceRefusal('SPTKT_TIME_FT_ERR', '自訂 Sp_ticket 逾期時間格式錯誤');
  if (seconds < timeLimitSeconds.min || seconds > timeLimitSeconds.max) throw new ServiceRefusal('SPTKT_TIME_ORV', '自訂 Sp_ticket 逾期時間超過範圍');
  return seconds;
}

function readSignInfo(value: unknown, opCode: 'ATH' | 'SIGN'): SignInfo | undefined {
  if (opCode === 'ATH') return undefined;
  const info = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  if (!info || typeof info.sign_data !== 'string' || !info.sign_data) throw new ServiceRefusal('PM_INV_NF', '缺少參數或者格式不正確');
  if (info.sign_data.length > maxSignDataChars) throw new ServiceRefusal('SIGNDATA_LEN_LIMIT', '簽章資料長度到達上限（上限1024 個字元）');
  return {
    sign_type: (info.sign_type as SignInfo['sign_type']) ?? 'PKCS#1',
    sign_data: info.sign_data,
    tbs_encoding: info.tbs_encoding === 'base64' ? 'base64' : 'NONE',
    ...(typeof info.hash_algorithm === 'string' && { hash_algorithm: info.hash_algorithm as SignInfo['hash_algorithm'] }),
  };
}

function provider(world: EmulatorWorld, body: Record<string, unknown>): ServiceProvider {
  const sp = world.serviceProviders.get(String(body.sp_service_id ?? ''));
  if (!sp) throw new ServiceRefusal('SPSVCID_NF', 'Sp service id 未找到對應之 SP 資訊');
  return sp;
}

function record(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ServiceRefusal('PM_INV_NF', '缺少參數或者格式不正確');
  return raw as Record<string, unknown>;
}

function answer(api: ServiceInterface, work: () => Answer): Answer {
  try {
    return work();
  } catch (error) {
    if (error instanceof ServiceRefusal) return serviceErrorResponse(api, error.code, error.message);
    throw error;
  }
}
