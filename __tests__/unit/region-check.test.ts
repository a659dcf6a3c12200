import { StsCallError } from '../../src/model/errors.js';
import { toStsCallError } from '../../src/aws/sts-errors.js';
import { isUnknownRegionHost, retryableFor } from '../../src/aws/retry.js';
import { loadKnownRegions } from '../../src/aws/region-data.js';
import {
  checkRegion,
  spellingsOneEditAway,
  unknownRegionError,
  unknownRegionWarning,
} from '../../src/plan/region-check.js';

const isKnown = await loadKnownRegions();

describe('checkRegion, against the AWS SDK partition data', () => {
  test.each([
    { name: 'a listed region', region: 'us-east-1', known: true, nearMisses: undefined },
    { name: 'aws-cn', region: 'cn-northwest-1', known: true, nearMisses: undefined },
    { name: 'GovCloud', region: 'us-gov-west-1', known: true, nearMisses: undefined },
    { name: 'two letters swapped', region: 'us-esat-1', known: false, nearMisses: ['us-east-1'] },
    { name: 'one missing', region: 'eu-wst-1', known: false, nearMisses: ['eu-west-1'] },
    { name: 'one extra', region: 'eu-centrall-1', known: false, nearMisses: ['eu-central-1'] },
    { name: 'one changed', region: 'ap-southeest-2', known: false, nearMisses: ['ap-southeast-2'] },
    {
      name: 'several near',
      region: 'us-west-9',
      known: false,
      nearMisses: ['us-west-1', 'us-west-2'],
    },
    { name: 'nothing near', region: 'xx-nowhere-7', known: false, nearMisses: [] },
  ])('$name: $region', ({ region, known, nearMisses }) => {
    const check = checkRegion(region, isKnown);
    expect(check).toEqual(known ? { known, region } : { known, region, nearMisses });
  });

  test('the one-edit spellings hold each kind of slip', () => {
    const spellings = spellingsOneEditAway('ab');
    for (const spelling of ['ba', 'a', 'b', 'xab', 'axb', 'abx', 'xb', 'ax'])
      expect(spellings).toContain(spelling);
  });

  test('the warning and the error name aws-region, the guess, and the host', () => {
    const check = checkRegion('us-esat-1', isKnown);
    if (check.known) throw new Error('us-esat-1 is not a region');
    expect(unknownRegionWarning(check)).toBe(
      "`aws-region`: 'us-esat-1' is not a region this action's AWS SDK knows. Did you mean us-east-1? STS and the AWS tools of later steps (AWS_REGION) fail there, unless it is a region newer than this release.",
    );
    expect(unknownRegionError(check, 'sts.us-esat-1.amazonaws.com').message).toBe(
      "`aws-region`: 'us-esat-1' is not a region this action's AWS SDK knows, and its STS host sts.us-esat-1.amazonaws.com does not resolve (ENOTFOUND); did you mean us-east-1?",
    );
    expect(unknownRegionWarning(checkRegion('us-east-1', isKnown))).toBe('');
  });
});

describe('ENOTFOUND on the regional STS host', () => {
  const notFound = (host: string): StsCallError =>
    new StsCallError(
      'AssumeRoleWithWebIdentity',
      'NetworkError',
      `ENOTFOUND: getaddrinfo ENOTFOUND ${host}`,
      0,
      {
        unresolvedHost: host,
      },
    );
  test.each([
    {
      name: 'unknown region, its host: final',
      unknown: 'us-esat-1',
      host: 'sts.us-esat-1.amazonaws.com',
      retried: false,
    },
    {
      name: 'unknown region, FIPS host: final',
      unknown: 'us-esat-1',
      host: 'sts-fips.us-esat-1.amazonaws.com',
      retried: false,
    },
    {
      name: 'known region: a network fault, retried',
      unknown: undefined,
      host: 'sts.us-east-1.amazonaws.com',
      retried: true,
    },
    {
      name: 'unknown region, another host (sts-endpoint): retried',
      unknown: 'us-esat-1',
      host: 'sts.corp.example',
      retried: true,
    },
  ])('$name', ({ unknown, host, retried }) => {
    expect(retryableFor('oidc', unknown)(notFound(host))).toBe(retried);
    expect(retryableFor('static-keys', unknown)(notFound(host))).toBe(retried);
    expect(isUnknownRegionHost(notFound(host), unknown)).toBe(!retried);
  });
});

test('the SDK error for an unresolvable host keeps the host', () => {
  const thrown = Object.assign(new Error('getaddrinfo ENOTFOUND sts.us-esat-1.amazonaws.com'), {
    code: 'ENOTFOUND',
    hostname: 'sts.us-esat-1.amazonaws.com',
  });
  const error = toStsCallError(thrown, 'AssumeRole', '');
  expect([error.code, error.unresolvedHost]).toEqual([
    'NetworkError',
    'sts.us-esat-1.amazonaws.com',
  ]);
});
