import { children, content, decodeOid, readOnly, tags } from './der.js';
import { decodeDirectoryString } from './strings.js';

/** id-qt-unotice (RFC 5280 §4.2.1.4). */
const userNoticeOid = '1.3.6.1.5.5.7.2.2';

/**
 * The explicitText of each UserNotice among `qualifiers` (the DER of a PolicyInformation's
 * policyQualifiers): `UserNotice ::= SEQUENCE { noticeRef NoticeReference OPTIONAL, explicitText
 * DisplayText OPTIONAL }`. Qualifiers are for display only (§4.2.1.4), so one that cannot be read
 * is left out rather than failing the path.
 */
export function readUserNotices(qualifiers: Uint8Array | undefined): string[] {
  if (!qualifiers) return [];
  try {
    return children(qualifiers, readOnly(qualifiers, tags.sequence, 'policyQualifiers')).flatMap((qualifier) => {
      const [id, value] = children(qualifiers, qualifier);
      if (id?.tag !== tags.oid || decodeOid(content(qualifiers, id)) !== userNoticeOid || value?.tag !== tags.sequence) return [];
      return children(qualifiers, value).flatMap((field) => {
        // noticeRef is a SEQUENCE; explicitText is one of the string types.
        const text = field.tag === tags.sequence ? undefined : decodeDirectoryString(field.tag, content(qualifiers, field));
        return text === undefined ? [] : [text];
      });
    });
  } catch {
    return [];
  }
}
