// A stand-in action for the harness self-test (dist/ may not exist yet): it
// uses every runner interface the real action uses, chosen by INPUT_MODE.
import { appendFileSync as append } from 'node:fs';

const e = process.env;
const mode = e['INPUT_MODE'];
if (mode === 'hang') {
  setInterval(() => {}, 1000); // never exits: the runner must stop it
} else if (mode === 'post') {
  const seen = [e.STATE_key, e.EXPORTED, e.EMPTIED === '', e.PATH?.startsWith('/opt/x:')];
  append(e.GITHUB_OUTPUT, `seen=${seen.join('|')}\n`);
  process.exitCode = 3;
} else {
  const secret = e['INPUT_AWS-SECRET-ACCESS-KEY'];
  console.log(`::add-mask::${secret}`);
  console.error(`secret ${secret}`); // after the mask: allowed
  append(e.GITHUB_ENV, 'EXPORTED=yes\nEMPTIED=\n');
  append(e.GITHUB_STATE, 'key<<S\nv\nS\n');
  append(e.GITHUB_PATH, '/opt/x\n');
  const src = [e['INPUT_CREDENTIAL-SOURCE'], e['INPUT_ROLE-TO-ASSUME'], e.GITHUB_REPOSITORY];
  append(e.GITHUB_OUTPUT, `src=${[...src, process.cwd() === e.GITHUB_WORKSPACE].join('|')}\n`);
  append(e.GITHUB_STEP_SUMMARY, '# main\n');
}
