// The e2e emulator stack (moto behind the recording proxy, the OIDC stand-in) for the Windows
// suites, with start-up limits for a machine that is also booting Wine: there moto took more
// than the e2e suite's 20 s to answer.
import { resetStack, stopStack, type Stack } from '../../e2e/harness/stack.js';
import { startMoto } from '../../e2e/harness/moto.js';
import { startOidcServer } from '../../e2e/harness/oidc-server.js';
import { startStsProxy } from '../../e2e/harness/sts-proxy.js';

const MOTO_START_MS = 90_000;

/** useStack (harness/stack.ts) with a 90 s start-up limit for moto. */
export function useWindowsStack(): Stack {
  const stack = {} as Stack;
  beforeAll(async () => {
    const oidc = await startOidcServer();
    try {
      const moto = await startMoto({ timeoutMs: MOTO_START_MS });
      Object.assign(stack, { moto, oidc, proxy: await startStsProxy(moto.url) });
    } catch (error) {
      await oidc.stop();
      throw error;
    }
  }, MOTO_START_MS + 30_000);
  afterAll(() => stopStack(stack.proxy ? stack : undefined));
  beforeEach(() => resetStack(stack));
  return stack;
}
