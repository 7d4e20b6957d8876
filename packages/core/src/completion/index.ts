/** Shell completion scripts generated from a commander command tree (gcis, gcis-server). */
export { completionScript, completionShells, type CompletionShell } from './completionScript.js';
export { completionTree, type CommandLike, type CompletionFlag, type CompletionTree } from './completionTree.js';
