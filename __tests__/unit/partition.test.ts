// The action keeps a small region → partition rule (src/model/arn.ts) so configuration is validated
// before the AWS SDK loads. These tests hold that rule to the SDK's own partition data, and the
// User-Agent constant to package.json.
import { readFileSync } from 'node:fs';
import { partition } from '@aws-sdk/core/client';
import { defaultAudience, isRegionName, partitionOfRegion } from '../../src/model/arn.js';
import { ACTION_NAME, ACTION_VERSION } from '../../src/aws/version.js';

const REGIONS = [
  'us-east-1',
  'eu-central-2',
  'mx-central-1',
  'cn-north-1',
  'cn-northwest-1',
  'us-gov-west-1',
  'us-iso-east-1',
  'us-isob-east-1',
  'eu-isoe-west-1',
  'us-isof-south-1',
  'eusc-de-east-1',
];

test.each(REGIONS)('%s: the partition is the SDK’s', (region) => {
  expect(isRegionName(region)).toBe(true);
  expect(partitionOfRegion(region)).toBe(partition(region).name);
});

test.each(REGIONS)('%s: the default OIDC audience follows the partition', (region) => {
  const expected =
    partition(region).name === 'aws-cn' ? 'sts.amazonaws.com.cn' : 'sts.amazonaws.com';
  expect(defaultAudience(partitionOfRegion(region))).toBe(expected);
});

test('the User-Agent names this package and its version', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    name: string;
    version: string;
  };
  expect([ACTION_NAME, ACTION_VERSION]).toEqual([pkg.name, pkg.version]);
});
