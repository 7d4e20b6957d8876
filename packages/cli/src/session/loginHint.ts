import { defaultServer } from './serverUrl.js';

/** The command that fixes "not logged in", naming the server when it is not the default. */
export function loginHint(server: string): string {
  return server === defaultServer ? 'gcis login' : `gcis login --server ${server}`;
}
