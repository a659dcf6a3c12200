// The runner's file-command and workflow-command parsers: one implementation, shared with the
// demo/bench scripts, lives in scripts/lib/file-commands.mjs (typed by file-commands.d.mts).
export {
  parseFileCommands,
  parseMasks,
  parsePathFile,
  renderLog,
  unescapeCommandData,
} from '../../../scripts/lib/file-commands.mjs';
