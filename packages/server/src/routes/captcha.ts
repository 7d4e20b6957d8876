import { CaptchaChallenge } from '@gcis/core/api';
import { createCaptcha, hashCaptchaAnswer } from '@gcis/core/captcha';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

export function captchaRoutes(app: FastifyInstance, context: AppContext): void {
  app.post(
    '/v1/captcha',
    { schema: { summary: 'A new single-use captcha (2-minute life)', response: { 200: CaptchaChallenge } } },
    async () => {
      const now = context.clock.now();
      const captcha = createCaptcha({ random: context.random, now });
      const id = Buffer.from(context.random.bytes(16)).toString('base64url');
      await context.store.captchas.purgeExpired(now.toISOString());
      await context.store.captchas.insert(id, hashCaptchaAnswer(id, captcha.answer), captcha.expiresAt.toISOString());
      context.revealCaptchaAnswer?.(id, captcha.answer);
      return { id, image: Buffer.from(captcha.png).toString('base64'), expiresAt: captcha.expiresAt.toISOString() };
    },
  );
}
