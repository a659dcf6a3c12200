import { teardown } from './go-client-dir.mjs';
export default teardown;
