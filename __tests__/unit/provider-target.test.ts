import { providerTarget } from '../../src/diagnose/provider-target.js';

const GITHUB = 'token.actions.githubusercontent.com';

describe('providerTarget: one place for the provider a diagnosis names', () => {
  test.each([
    {
      name: 'aws, no claims, no audience: the default audience',
      args: [undefined, undefined, 'arn:aws:iam::222222222222:role/deploy'] as const,
      expected: {
        partition: 'aws',
        account: '222222222222',
        host: GITHUB,
        audience: 'sts.amazonaws.com',
      },
    },
    {
      name: 'aws-cn, a token without aud: China’s audience, not sts.amazonaws.com',
      args: [{ sub: 'x' }, undefined, 'arn:aws-cn:iam::222222222222:role/deploy'] as const,
      expected: {
        partition: 'aws-cn',
        account: '222222222222',
        host: GITHUB,
        audience: 'sts.amazonaws.com.cn',
      },
    },
    {
      name: 'the token’s aud wins over the requested audience',
      args: [
        { aud: 'custom', iss: 'https://ghe.example.com/_services/token' },
        'requested',
        'arn:aws:iam::1:role/x',
      ] as const,
      expected: {
        partition: 'aws',
        account: 'ACCOUNT_ID',
        host: 'ghe.example.com/_services/token',
        audience: 'custom',
      },
    },
    {
      name: 'no role: placeholders',
      args: [undefined, 'requested', undefined] as const,
      expected: { partition: 'aws', account: 'ACCOUNT_ID', host: GITHUB, audience: 'requested' },
    },
  ])('$name', ({ args, expected }) => {
    const [claims, audience, roleArn] = args;
    const target = providerTarget(claims, audience, roleArn);
    expect(target).toEqual({
      ...expected,
      arn: `arn:${expected.partition}:iam::${expected.account}:oidc-provider/${expected.host}`,
    });
  });
});
