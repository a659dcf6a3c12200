// action.yml is the source of truth for input and output names (STYLE.md); src/config/input-names.ts and
// the rawInputs fixture must match it exactly, in both directions.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ACTION_YML_DEFAULTS } from '../../__fixtures__/inputs.js';
import { INPUT, OUTPUT, type InputKey } from '../../src/config/input-names.js';

test('INPUT, OUTPUT and the fixture defaults match action.yml exactly', () => {
  const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, unknown>;
  };
  expect(Object.values(INPUT).sort()).toEqual(Object.keys(action.inputs).sort());
  expect(Object.values(OUTPUT).sort()).toEqual(Object.keys(action.outputs).sort());
  const defaults = Object.fromEntries(
    (Object.keys(INPUT) as InputKey[]).map((key) => [
      key,
      action.inputs[INPUT[key]]?.default ?? '',
    ]),
  );
  expect(ACTION_YML_DEFAULTS).toEqual(defaults);
});
