/** Text for terminals in any language: display width (CJK = two columns), aligned labels, commander help. */
export { alignLabels, displayWidth, padDisplay } from './displayWidth.js';
export { localizeHelp, type HelpConfigurable } from './localizeHelp.js';
