import { defineConfig } from 'tsup';

const concerns = ['id', 'password', 'totp', 'captcha', 'captcha/testing', 'checkcode', 'session', 'x509', 'x509/testing', 'smartcard', 'smartcard/testing', 'api', 'client', 'push', 'completion'];

export default defineConfig({
  entry: ['src/index.ts', 'src/errors.ts', 'src/ports.ts', ...concerns.map((name) => `src/${name}/index.ts`)],
  format: 'esm',
  target: 'node20',
  dts: true,
  clean: true,
  splitting: true,
  treeshake: true,
});
