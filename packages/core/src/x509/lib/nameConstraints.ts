import { readName } from './formatName.js';
import type { GeneralName } from './generalNames.js';
import { matchSubtree } from './matchSubtree.js';
import type { NameConstraints } from './readNameConstraints.js';

/**
 * permitted_subtrees and excluded_subtrees of RFC 5280 §6.1.2 (b)–(c). The intersection of
 * permitted subtrees (§6.1.4 (g)(1)) is kept as the list of each CA's subtrees of one name form —
 * a name is within the intersection when it is within one subtree of every group of its form — so
 * no subtree arithmetic is needed. Excluded subtrees are a plain union (§6.1.4 (g)(2)).
 */
export type NameConstraintState = { readonly permitted: readonly (readonly GeneralName[])[]; readonly excluded: readonly GeneralName[] };

export const noNameConstraints: NameConstraintState = { permitted: [], excluded: [] };

/** Whether any constraint is in force — most paths have none, and then no name needs reading. */
export const hasNameConstraints = (state: NameConstraintState) => state.permitted.length > 0 || state.excluded.length > 0;

/** A form of name: constraints of one form restrict names of that form only. */
const formOf = (name: GeneralName) => (name.type === 'other' ? `other:${name.tagNumber}` : name.type);

/** §6.1.4 (g): a CA's nameConstraints narrow the state for the certificates below it. */
export function addNameConstraints(state: NameConstraintState, constraints: NameConstraints): NameConstraintState {
  const groups = new Map<string, GeneralName[]>();
  for (const base of constraints.permitted ?? []) {
    const group = groups.get(formOf(base));
    if (group) group.push(base);
    else groups.set(formOf(base), [base]);
  }
  return { permitted: [...state.permitted, ...groups.values()], excluded: [...state.excluded, ...constraints.excluded] };
}

export type NameCheck = { ok: true } | { ok: false; reason: 'excluded' | 'not-permitted' | 'unsupported'; name: GeneralName };

/**
 * §6.1.3 (b)–(c): every name of the certificate (namesOf) must be within the permitted
 * subtrees of its form and within no excluded subtree. A constraint of a form this module
 * cannot match (x400Address, ediPartyName, otherName, registeredID) on a name of that form
 * fails closed.
 */
export function checkNameConstraints(state: NameConstraintState, names: readonly GeneralName[]): NameCheck {
  for (const name of names) {
    const form = formOf(name);
    for (const base of state.excluded) {
      if (formOf(base) !== form) continue;
      const within = matchSubtree(base, name);
      if (within === undefined) return { ok: false, reason: 'unsupported', name };
      if (within) return { ok: false, reason: 'excluded', name };
    }
    for (const group of state.permitted) {
      if (formOf(group[0]!) !== form) continue;
      const results = group.map((base) => matchSubtree(base, name));
      if (results.includes(undefined)) return { ok: false, reason: 'unsupported', name };
      if (!results.includes(true)) return { ok: false, reason: 'not-permitted', name };
    }
  }
  return { ok: true };
}

const emailAddress = '1.2.840.113549.1.9.1';

/**
 * The names §6.1.3 (b)–(c) constrain: the subject DN unless empty, each emailAddress attribute
 * in it as an rfc822Name (§4.2.1.10 — checked whether or not there is a subjectAltName, the
 * stricter reading), and every subjectAltName entry.
 */
export function constrainedNames(subjectDer: Uint8Array, altNames: readonly GeneralName[]): GeneralName[] {
  const subject = { type: 'dn', value: subjectDer, rdns: readName(subjectDer) } as const;
  const names: GeneralName[] = [];
  if (subject.rdns.length > 0) names.push(subject);
  for (const rdn of subject.rdns) {
    for (const attribute of rdn) {
      if (attribute.oid === emailAddress && attribute.text !== undefined) names.push({ type: 'rfc822', value: attribute.text });
    }
  }
  return [...names, ...altNames];
}
