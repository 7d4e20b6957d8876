import { Type, type Static } from '@sinclair/typebox';

/**
 * The server's request and response shapes, defined once: the server validates with these JSON
 * schemas (and publishes them as OpenAPI), the client and CLI use the static types.
 */
const IsoDate = Type.String({ format: 'date-time' });
const Account = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._@+-]+$' });

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      retryAfterSeconds: Type.Optional(Type.Integer()),
    }),
  },
  { $id: 'ErrorBody' },
);
export type ErrorBody = Static<typeof ErrorBody>;

export const CaptchaChallenge = Type.Object({
  id: Type.String(),
  image: Type.String({ description: 'PNG, base64' }),
  expiresAt: IsoDate,
});
export type CaptchaChallenge = Static<typeof CaptchaChallenge>;

export const CaptchaAnswer = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }), answer: Type.String({ minLength: 1, maxLength: 16 }) },
  { additionalProperties: false },
);
export type CaptchaAnswer = Static<typeof CaptchaAnswer>;

export const LoginMethod = Type.Union([
  Type.Literal('totp'),
  Type.Literal('one-day-password'),
  Type.Literal('certificate'),
  Type.Literal('push'),
]);
export type LoginMethod = Static<typeof LoginMethod>;

/** What every password-plus-something login sends besides its own factor. */
const passwordLoginFields = {
  account: Account,
  password: Type.String({ minLength: 1, maxLength: 1024 }),
  captcha: Type.Optional(CaptchaAnswer),
};

export const TotpLoginRequest = Type.Object(
  { ...passwordLoginFields, code: Type.String({ pattern: '^[0-9]{6}$' }) },
  { additionalProperties: false },
);
export type TotpLoginRequest = Static<typeof TotpLoginRequest>;

/**
 * `expiresAt` is the absolute end (12 h by default); a session unused for `idleTimeoutSeconds`
 * ends earlier, and every use pushes that idle end on.
 */
export const Session = Type.Object({
  token: Type.String(),
  account: Type.String(),
  method: LoginMethod,
  issuedAt: IsoDate,
  expiresAt: IsoDate,
  idleTimeoutSeconds: Type.Integer(),
});
export type Session = Static<typeof Session>;

export const WhoAmI = Type.Object({
  account: Type.String(),
  name: Type.String(),
  method: LoginMethod,
  issuedAt: IsoDate,
  /** The absolute end of the session. */
  expiresAt: IsoDate,
  /** When the session ends if it is not used again before then. */
  idleExpiresAt: IsoDate,
});
export type WhoAmI = Static<typeof WhoAmI>;

export const TotpKey = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  status: Type.Union([Type.Literal('active'), Type.Literal('pending')]),
  uri: Type.String({ description: 'otpauth URI with the version in its label' }),
  secret: Type.String({ description: 'base32' }),
});
export type TotpKey = Static<typeof TotpKey>;

export const TotpConfirmRequest = Type.Object(
  { code: Type.String({ pattern: '^[0-9]{6}$' }) },
  { additionalProperties: false },
);
export type TotpConfirmRequest = Static<typeof TotpConfirmRequest>;

export const Health = Type.Object({ status: Type.Literal('ok') });
export type Health = Static<typeof Health>;

export const Revoked = Type.Object({ revoked: Type.Literal(true) });
export type Revoked = Static<typeof Revoked>;

export const OneDayPasswordLoginRequest = Type.Object(
  { ...passwordLoginFields, checkCode: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
export type OneDayPasswordLoginRequest = Static<typeof OneDayPasswordLoginRequest>;

export const AccountParams = Type.Object({ account: Account });
export type AccountParams = Static<typeof AccountParams>;

export const OneDayPasswordIssued = Type.Object({
  account: Type.String(),
  sentTo: Type.String({ description: 'masked email address' }),
  expiresAt: IsoDate,
});
export type OneDayPasswordIssued = Static<typeof OneDayPasswordIssued>;

// Certificate login (自然人憑證)

export const CertificateChallenge = Type.Object({
  challengeId: Type.String(),
  /** 32 random bytes, base64url; the client signs `{challenge, origin, issuedAt}` over it. */
  challenge: Type.String(),
  expiresAt: IsoDate,
});
export type CertificateChallenge = Static<typeof CertificateChallenge>;

const Base64 = Type.String({ minLength: 1, maxLength: 65_536, pattern: '^[A-Za-z0-9+/=_-]+$' });

/** Either a CMS SignedData (`signature`) or a raw PKCS#1 signature with the certificate and the signed content. */
export const CertificateLoginRequest = Type.Union([
  Type.Object(
    { challengeId: Type.String({ minLength: 1, maxLength: 128 }), signature: Base64 },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      challengeId: Type.String({ minLength: 1, maxLength: 128 }),
      pkcs1: Base64,
      certificate: Base64,
      content: Base64,
    },
    { additionalProperties: false },
  ),
]);
export type CertificateLoginRequest = Static<typeof CertificateLoginRequest>;

export const BoundCertificate = Type.Object({
  account: Type.String(),
  name: Type.String({ description: 'CN of the certificate' }),
  issuer: Type.String(),
  serialNumber: Type.String({ description: 'certificate serial, hex' }),
  thumbprint: Type.String({ description: 'SHA-256 of the certificate, hex' }),
});
export type BoundCertificate = Static<typeof BoundCertificate>;

// Mobile natural-person certificate push (行動自然人憑證)

export const PushLoginRequest = Type.Object(
  { nationalId: Type.String({ minLength: 10, maxLength: 10 }) },
  { additionalProperties: false },
);
export type PushLoginRequest = Static<typeof PushLoginRequest>;

export const PushTransaction = Type.Object({
  transactionId: Type.String(),
  /** Two digits the user types on the phone (number matching). */
  matchCode: Type.String({ pattern: '^[0-9]{2}$' }),
  expiresAt: IsoDate,
});
export type PushTransaction = Static<typeof PushTransaction>;

export const PushStatus = Type.Object({
  status: Type.Union([
    Type.Literal('pending'),
    Type.Literal('approved'),
    Type.Literal('denied'),
    Type.Literal('expired'),
    Type.Literal('cancelled'),
  ]),
  expiresAt: IsoDate,
  /** Present once, when approved. */
  session: Type.Optional(Session),
  /** Why it was denied or expired: a GcisError code (ERR_PUSH_DENIED, ERR_CERT_UNTRUSTED, …) and a message. */
  reason: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
});
export type PushStatus = Static<typeof PushStatus>;

export const PushTransactionParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export type PushTransactionParams = Static<typeof PushTransactionParams>;

/** `wait`: seconds the server may hold the request open for an answer (long poll), 0–25; a query string, so digits. */
export const PushWaitQuery = Type.Object(
  { wait: Type.Optional(Type.String({ pattern: '^(?:[0-9]|1[0-9]|2[0-5])$' })) },
  { additionalProperties: false },
);
export type PushWaitQuery = Static<typeof PushWaitQuery>;
