import { join } from 'node:path';
import type { SharedFolder } from '../store/Store.js';

/**
 * The only names a shared file may have, as the trust and CRL folders name them (trustFolder.ts,
 * crlFolder.ts). A row is applied to a folder on disk, so anything else — `..`, an absolute
 * path, another file of the data folder such as secret.key — is refused, whoever wrote the row.
 */
const names: Record<SharedFolder, RegExp> = {
  trust: /^(?:anchors|intermediates)\/[0-9a-f]{64}\.der$/,
  crl: /^(?:[0-9a-f]{16}\.crl|sources\.json)$/,
};

/** Where a shared file goes in this data folder; undefined for a folder or name that is not one of ours. */
export function sharedFilePath(paths: Record<SharedFolder, string>, folder: string, name: string): string | undefined {
  if (folder !== 'trust' && folder !== 'crl') return undefined;
  return names[folder].test(name) ? join(paths[folder], name) : undefined;
}
