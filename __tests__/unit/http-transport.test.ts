// Which proxy an STS request uses, side by side with the agent @actions/http-client builds for
// the OIDC token request on the same environment (issue 17, item 5): the http-proxy and no-proxy
// inputs are put where http-client reads them (exportProxySettings), then both decide.
import { HttpClient } from '@actions/http-client';
import { configFor } from '../../__fixtures__/config.js';
import { exportProxySettings, proxyFor } from '../../src/aws/http-transport.js';
import { readInputs } from '../../src/config/read-inputs.js';

const PROXY_VARIABLES = [
  'https_proxy',
  'HTTPS_PROXY',
  'http_proxy',
  'HTTP_PROXY',
  'no_proxy',
  'NO_PROXY',
];

/** Runs `decide` with exactly these proxy variables in process.env (http-client reads only there). */
function withProxyEnv<T>(env: Record<string, string>, decide: () => T): T {
  const saved = PROXY_VARIABLES.map((name) => [name, process.env[name]] as const);
  PROXY_VARIABLES.forEach((name) => delete process.env[name]);
  Object.assign(process.env, env);
  try {
    return decide();
  } finally {
    PROXY_VARIABLES.forEach((name) => delete process.env[name]);
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  }
}

/** host:port and credentials of the tunnel http-client's agent would use, or undefined. */
function httpClientProxy(url: URL): string | undefined {
  const agent = new HttpClient('test').getAgent(url.href) as {
    proxyOptions?: { host: string; port: string; proxyAuth?: string };
  };
  const proxy = agent.proxyOptions;
  return proxy === undefined ? undefined : `${proxy.proxyAuth ?? ''}@${proxy.host}:${proxy.port}`;
}

function ourProxy(url: URL): string | undefined {
  const proxy = proxyFor(url);
  if (proxy === undefined) return undefined;
  const auth =
    proxy.username || proxy.password
      ? `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`
      : '';
  return `${auth}@${proxy.hostname}:${proxy.port}`;
}

const STS = 'https://sts.us-east-1.amazonaws.com/';
const PLAIN = 'http://sts.internal.example:8080/';

test.each([
  { name: 'no proxy configured', url: STS, env: {}, expected: undefined },
  {
    name: 'the input wins over HTTPS_PROXY',
    url: STS,
    env: { HTTPS_PROXY: 'http://env:3128' },
    httpProxy: 'http://input:3128',
    expected: '@input:3128',
  },
  {
    name: 'HTTPS_PROXY for https targets',
    url: STS,
    env: { HTTPS_PROXY: 'http://env:3128' },
    expected: '@env:3128',
  },
  {
    name: 'lower-case https_proxy too',
    url: STS,
    env: { https_proxy: 'http://env:3128' },
    expected: '@env:3128',
  },
  {
    name: 'lower-case https_proxy before HTTPS_PROXY',
    url: STS,
    env: { https_proxy: 'http://lower:3128', HTTPS_PROXY: 'http://upper:3128' },
    expected: '@lower:3128',
  },
  {
    name: 'an empty HTTPS_PROXY does not hide https_proxy',
    url: STS,
    env: { HTTPS_PROXY: '', https_proxy: 'http://lower:3128' },
    expected: '@lower:3128',
  },
  {
    name: 'HTTP_PROXY only for http targets',
    url: STS,
    env: { HTTP_PROXY: 'http://env:3128' },
    expected: undefined,
  },
  {
    name: 'HTTP_PROXY for an http endpoint',
    url: PLAIN,
    env: { HTTP_PROXY: 'http://env:3128' },
    expected: '@env:3128',
  },
  {
    name: 'proxy credentials travel with a plain-HTTP endpoint too',
    url: PLAIN,
    env: { HTTP_PROXY: 'http://user:p%40ss@env:3128' },
    expected: 'user:p@ss@env:3128',
  },
  {
    name: 'no-proxy by domain suffix',
    url: STS,
    env: {},
    httpProxy: 'http://input:3128',
    noProxy: ['amazonaws.com'],
    expected: undefined,
  },
  {
    name: 'no-proxy with a leading dot',
    url: STS,
    env: {},
    httpProxy: 'http://input:3128',
    noProxy: ['.amazonaws.com'],
    expected: undefined,
  },
  {
    name: 'NO_PROXY from the environment',
    url: STS,
    env: { NO_PROXY: 'localhost,.amazonaws.com' },
    httpProxy: 'http://input:3128',
    expected: undefined,
  },
  {
    name: 'no-proxy host:443 matches the default HTTPS port',
    url: STS,
    env: {},
    httpProxy: 'http://input:3128',
    noProxy: ['sts.us-east-1.amazonaws.com:443'],
    expected: undefined,
  },
  {
    name: 'no-proxy by host:port',
    url: PLAIN,
    env: {},
    httpProxy: 'http://input:3128',
    noProxy: ['sts.internal.example:8080'],
    expected: undefined,
  },
  {
    name: 'no-proxy for another port does not match',
    url: PLAIN,
    env: {},
    httpProxy: 'http://input:3128',
    noProxy: ['sts.internal.example:9999'],
    expected: '@input:3128',
  },
  {
    name: 'no-proxy * bypasses everything',
    url: STS,
    env: {},
    httpProxy: 'http://input:3128',
    noProxy: ['*'],
    expected: undefined,
  },
  {
    name: 'a suffix must match whole labels',
    url: STS,
    env: {},
    httpProxy: 'http://input:3128',
    noProxy: ['zonaws.com'],
    expected: '@input:3128',
  },
  {
    name: 'loopback is never proxied (127.0.0.1)',
    url: 'http://127.0.0.1:5055/',
    env: { HTTP_PROXY: 'http://env:3128' },
    expected: undefined,
  },
  {
    name: 'loopback is never proxied (localhost)',
    url: 'https://localhost:4443/',
    env: { HTTPS_PROXY: 'http://env:3128' },
    expected: undefined,
  },
  {
    name: 'loopback is never proxied ([::1])',
    url: 'http://[::1]:5055/',
    env: { HTTP_PROXY: 'http://env:3128' },
    expected: undefined,
  },
])(
  '$name: the same decision as @actions/http-client',
  ({ url, env, httpProxy, noProxy, expected }) => {
    const target = new URL(url);
    const [ours, theirs] = withProxyEnv(env, () => {
      exportProxySettings({ httpProxy, noProxy: noProxy ?? [] }, process.env);
      return [ourProxy(target), httpClientProxy(target)];
    });
    expect(ours).toBe(expected);
    expect(ours).toBe(theirs);
  },
);

// Every mix of letter cases, with no proxy input in `with:`: the action reads the variables as
// inputs (read-inputs.ts), parses them and exports its settings; STS then never goes direct
// where @actions/http-client, on the job's own variables, would use a proxy. For HTTPS (every
// real STS endpoint) it uses the very proxy http-client uses, or, where http-client goes direct,
// only HTTP_PROXY, as configure-aws-credentials does (docs/inputs-from-env.md) (issue 24).
describe('proxy variables in both letter cases: STS as @actions/http-client', () => {
  const PROXIES = {
    https_proxy: 'http://lower-s:3128',
    HTTPS_PROXY: 'http://upper-s:3128',
    http_proxy: 'http://lower-h:3128',
    HTTP_PROXY: 'http://upper-h:3128',
  };
  const proxyMixes = Array.from({ length: 16 }, (_, bits) =>
    Object.fromEntries(Object.entries(PROXIES).filter((_, i) => (bits >> i) & 1)),
  );
  const NO_PROXY_VALUES = [undefined, 'amazonaws.com,internal.example', 'other.example'];
  const cases = [STS, PLAIN].flatMap((url) =>
    NO_PROXY_VALUES.flatMap((lower) =>
      NO_PROXY_VALUES.map((upper) => ({
        name: `${url} no_proxy=${lower ?? '(unset)'} NO_PROXY=${upper ?? '(unset)'}`,
        url,
        noProxyEnv: {
          ...(lower === undefined ? {} : { no_proxy: lower }),
          ...(upper === undefined ? {} : { NO_PROXY: upper }),
        },
      })),
    ),
  );

  test.each(cases)('$name, with each mix of proxy variables', ({ url, noProxyEnv }) => {
    const target = new URL(url);
    const wrong = proxyMixes.flatMap((proxies) => {
      const env = { ...proxies, ...noProxyEnv };
      const theirs = withProxyEnv(env, () => httpClientProxy(target));
      const ours = withProxyEnv(env, () => {
        const raw = readInputs(() => '', process.env);
        const { network } = configFor({ httpProxy: raw.httpProxy, noProxy: raw.noProxy });
        exportProxySettings(network, process.env);
        return ourProxy(target);
      });
      const compatible =
        target.protocol === 'https:'
          ? ours === theirs || (theirs === undefined && ours === '@upper-h:3128')
          : theirs === undefined || ours !== undefined;
      return compatible ? [] : [{ env, ours, theirs }];
    });
    expect(wrong).toEqual([]);
  });
});
