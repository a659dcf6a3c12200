import { setup } from './go-client-dir.mjs';
export default setup;
