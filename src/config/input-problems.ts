import { InputError } from '../model/errors.js';
import type { InputName } from './input-names.js';
import type { Parsed } from './parse-values.js';

/** Collects every input problem so they are all reported at once. */
export class Problems {
  readonly errors: InputError[] = [];
  add(input: InputName, problem: string): void {
    this.errors.push(new InputError(input, problem));
  }
  take<T>(input: InputName, parsed: Parsed<T>, fallback: T): T {
    if ('problem' in parsed) {
      this.add(input, parsed.problem);
      return fallback;
    }
    return parsed.value;
  }
}
