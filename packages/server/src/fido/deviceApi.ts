import type { EmulatorWorld } from './emulatorWorld.js';
import { bindDevice, type BindRequest } from './bindDevice.js';

/** A device-route answer: the HTTP status and a JSON body (`{error_code, error_message}` on refusal). */
export type DeviceAnswer = { status: number; body: unknown };

const refuse = (status: number, code: string, message: string): DeviceAnswer => ({ status, body: { error_code: code, error_message: message } });

/** `POST …/moise/device/bind/challenge`: a single-use challenge the card signs, valid 5 minutes. */
export function bindChallenge(world: EmulatorWorld): DeviceAnswer {
  const challenge = Buffer.from(world.random.bytes(32)).toString('base64url');
  const expiresAt = new Date(world.clock.now().getTime() + 300_000);
  world.challenges.set(challenge, expiresAt);
  return { status: 200, body: { challenge, expiresAt: expiresAt.toISOString() } };
}

/** `POST …/moise/device/bind`: see bindDevice. Answers the device id (its credential) and the mobile certificate. */
export function bind(world: EmulatorWorld, body: unknown, origin: string): DeviceAnswer {
  const outcome = bindDevice(world, (typeof body === 'object' && body !== null ? body : {}) as Partial<BindRequest>, origin);
  if (!outcome.ok) return refuse(400, outcome.code, outcome.message);
  return {
    status: 200,
    body: {
      deviceId: outcome.device.deviceId,
      name: outcome.device.name,
      maskedId: outcome.device.maskedId,
      certificate: outcome.device.certificate,
      caCertificate: Buffer.from(world.state.ca.certificate).toString('base64'),
    },
  };
}

/** `GET …/moise/device/{deviceId}/requests`: what waits for this phone, newest first; listing marks them opened (20003). */
export function listRequests(world: EmulatorWorld, deviceId: string): DeviceAnswer {
  const device = world.state.devices.find((d) => d.deviceId === deviceId);
  if (!device) return refuse(404, 'DEVID_DEVPROF_NF', 'Device_id 未找到對應之裝置資訊');
  const now = world.clock.now();
  const waiting = [...world.requests.values()]
    .filter((r) => r.idHash === device.idHash && (!r.deviceName || r.deviceName === device.name))
    .filter((r) => (r.state === 'pushed' || r.state === 'opened') && r.expiresAt > now)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  for (const request of waiting) request.state = 'opened';
  return {
    status: 200,
    body: {
      requests: waiting.map((r) => ({
        requestId: r.spTicketId,
        service: r.spName,
        serviceId: r.serviceId,
        maskedId: r.maskedId,
        opCode: r.opCode,
        hint: r.hint,
        signInfo: r.signInfo,
        createdAt: r.createdAt.toISOString(),
        expiresAt: r.expiresAt.toISOString(),
      })),
    },
  };
}

/**
 * `POST …/moise/device/{deviceId}/requests/{requestId}` `{decision: 'approve', signedResponse} |
 * {decision: 'deny'}`. The emulator passes the phone's signature on unchecked, with the device's
 * certificate: the relying party must verify it (and tests rely on that to send it bad ones).
 */
export function answerRequest(world: EmulatorWorld, deviceId: string, requestId: string, body: unknown): DeviceAnswer {
  const device = world.state.devices.find((d) => d.deviceId === deviceId);
  if (!device) return refuse(404, 'DEVID_DEVPROF_NF', 'Device_id 未找到對應之裝置資訊');
  const request = world.requests.get(requestId);
  if (!request || request.idHash !== device.idHash) return refuse(404, 'SPTKTID_SPTKT_NF', 'Sp_ticket_id 未找到對應之Sp_ticket');
  if (request.state !== 'pushed' && request.state !== 'opened') return refuse(409, 'SPTKTID_SPTKT_RDM', 'The request was already answered.');
  if (request.expiresAt <= world.clock.now()) return refuse(410, 'SPTKT_OVD', 'Sp_ticket 逾期');
  const { decision, signedResponse } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (decision === 'deny') {
    request.state = 'denied';
    return { status: 200, body: { status: 'denied' } };
  }
  if (decision !== 'approve' || (request.opCode === 'SIGN' && (typeof signedResponse !== 'string' || !signedResponse))) {
    return refuse(400, 'PM_INV_NF', 'Send {decision: "deny"} or {decision: "approve", signedResponse}.');
  }
  request.state = 'approved';
  request.answer = {
    signedResponse: typeof signedResponse === 'string' ? signedResponse : '',
    certificate: new Uint8Array(Buffer.from(device.certificate, 'base64')),
  };
  return { status: 200, body: { status: 'approved' } };
}
