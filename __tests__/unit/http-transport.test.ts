// Which proxy a request uses: the http-proxy input first, then the standard variables, unless
// no-proxy / NO_PROXY names the host.
import { proxyFor } from '../../src/aws/http-transport.js';

const STS = new URL('https://sts.us-east-1.amazonaws.com/');
const LOCAL = new URL('http://127.0.0.1:5055/');

test.each([
  ['no proxy configured', STS, undefined, [], {}, undefined],
  [
    'the input wins over HTTPS_PROXY',
    STS,
    'http://input:3128',
    [],
    { HTTPS_PROXY: 'http://env:3128' },
    'http://input:3128/',
  ],
  [
    'HTTPS_PROXY for https targets',
    STS,
    undefined,
    [],
    { HTTPS_PROXY: 'http://env:3128' },
    'http://env:3128/',
  ],
  [
    'lower-case https_proxy too',
    STS,
    undefined,
    [],
    { https_proxy: 'http://env:3128' },
    'http://env:3128/',
  ],
  [
    'HTTP_PROXY only for http targets',
    STS,
    undefined,
    [],
    { HTTP_PROXY: 'http://env:3128' },
    undefined,
  ],
  [
    'HTTP_PROXY for an http endpoint',
    LOCAL,
    undefined,
    [],
    { HTTP_PROXY: 'http://env:3128' },
    'http://env:3128/',
  ],
  ['no-proxy by domain suffix', STS, 'http://input:3128', ['amazonaws.com'], {}, undefined],
  ['no-proxy with a leading dot', STS, 'http://input:3128', ['.amazonaws.com'], {}, undefined],
  [
    'NO_PROXY from the environment',
    STS,
    'http://input:3128',
    [],
    { NO_PROXY: 'localhost,.amazonaws.com' },
    undefined,
  ],
  ['no-proxy by host:port', LOCAL, 'http://input:3128', ['127.0.0.1:5055'], {}, undefined],
  [
    'no-proxy for another port does not match',
    LOCAL,
    'http://input:3128',
    ['127.0.0.1:9999'],
    {},
    'http://input:3128/',
  ],
  ['no-proxy * bypasses everything', STS, 'http://input:3128', ['*'], {}, undefined],
  [
    'a suffix must match whole labels',
    STS,
    'http://input:3128',
    ['zonaws.com'],
    {},
    'http://input:3128/',
  ],
])('%s', (_name, url, httpProxy, noProxy, env, expected) => {
  expect(proxyFor(url, { httpProxy, noProxy }, env)?.href).toBe(expected);
});
