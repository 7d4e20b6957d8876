import { children, contextTag, malformed, readOnly, tags } from './der.js';
import { readGeneralName, type GeneralName } from './generalNames.js';

/** A nameConstraints extension (RFC 5280 §4.2.1.10): the bases of its permitted and excluded subtrees. */
export type NameConstraints = { permitted: GeneralName[] | undefined; excluded: GeneralName[] };

/**
 * Reads `NameConstraints ::= SEQUENCE { permittedSubtrees [0] GeneralSubtrees OPTIONAL,
 * excludedSubtrees [1] GeneralSubtrees OPTIONAL }`. Refuses what §4.2.1.10 forbids — an empty
 * extension, a minimum other than 0, a maximum — and iPAddress bases that are not address ‖ mask.
 */
export function readNameConstraints(value: Uint8Array): NameConstraints {
  const fields = children(value, readOnly(value, tags.sequence, 'NameConstraints'));
  if (fields.length === 0) throw malformed('empty NameConstraints');
  let permitted: GeneralName[] | undefined;
  let excluded: GeneralName[] = [];
  let last = -1;
  for (const field of fields) {
    const which = field.tag === contextTag(0) ? 0 : field.tag === contextTag(1) ? 1 : -1;
    if (which <= last) throw malformed('NameConstraints field order');
    last = which;
    const bases = children(value, field).map((subtree) => {
      const [base, ...bounds] = children(value, subtree);
      if (subtree.tag !== tags.sequence || !base) throw malformed('GeneralSubtree');
      // minimum [0] DEFAULT 0 is left out in DER; a maximum or a non-zero minimum MUST NOT be used.
      if (bounds.length > 0) throw malformed('GeneralSubtree with minimum or maximum');
      const name = readGeneralName(value, base);
      if (name.type === 'ip' && name.value.length !== 8 && name.value.length !== 32) throw malformed('iPAddress constraint length');
      return name;
    });
    if (bases.length === 0) throw malformed('empty GeneralSubtrees');
    if (which === 0) permitted = bases;
    else excluded = bases;
  }
  return { permitted, excluded };
}

