import { INVALID_IDENTITY_TOKEN_ERROR } from '../../__fixtures__/sts-responses.js';
import { parseStsError, xmlElement, xmlText } from '../../src/sts-xml.js';

const errorBody = (code: string, message: string): string =>
  `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r</RequestId></ErrorResponse>`;

describe('parseStsError', () => {
  test.each([
    {
      name: 'entity-encoded apostrophe (fixture)',
      xml: INVALID_IDENTITY_TOKEN_ERROR,
      expected: {
        code: 'InvalidIdentityToken',
        message:
          "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
      },
    },
    {
      name: 'named entities',
      xml: errorBody(
        'MalformedPolicyDocument',
        'Syntax errors in policy: &quot;Statement&quot; &lt;missing&gt; &amp; more',
      ),
      expected: {
        code: 'MalformedPolicyDocument',
        message: 'Syntax errors in policy: "Statement" <missing> & more',
      },
    },
    {
      name: 'numeric entities',
      xml: errorBody('AccessDenied', 'User&#39;s role &#x27;deploy&#x27; &#128640;'),
      expected: { code: 'AccessDenied', message: "User's role 'deploy' 🚀" },
    },
    {
      name: 'unknown entity left as written',
      xml: errorBody('X', 'a &nbsp; b'),
      expected: { code: 'X', message: 'a &nbsp; b' },
    },
    {
      name: 'no double decoding',
      xml: errorBody('X', '&amp;lt;'),
      expected: { code: 'X', message: '&lt;' },
    },
    {
      name: 'no code',
      xml: '<ErrorResponse><Error><Message>m</Message></Error></ErrorResponse>',
      expected: { code: 'UnknownError', message: 'm' },
    },
    {
      name: 'not an error',
      xml: '<GetCallerIdentityResponse><GetCallerIdentityResult/></GetCallerIdentityResponse>',
      expected: undefined,
    },
    { name: 'not XML', xml: 'upstream connect error', expected: undefined },
  ])('$name', ({ xml, expected }) => {
    expect(parseStsError(xml)).toEqual(expected);
  });
});

describe('xmlElement and xmlText', () => {
  test.each([
    { name: 'first element', xml: '<a><b>1</b><b>2</b></a>', tag: 'b', expected: '1' },
    { name: 'element with attributes', xml: '<b kind="x">1</b>', tag: 'b', expected: '1' },
    {
      name: 'a longer tag with the same prefix is not a match',
      xml: '<ErrorResponse><Error><Code>C</Code></Error></ErrorResponse>',
      tag: 'Error',
      expected: '<Code>C</Code>',
    },
    { name: 'unclosed', xml: '<b>1', tag: 'b', expected: undefined },
    { name: 'missing', xml: '<a/>', tag: 'b', expected: undefined },
  ])('xmlElement: $name', ({ xml, tag, expected }) => {
    expect(xmlElement(xml, tag)).toBe(expected);
  });

  test('xmlText trims and decodes', () => {
    expect(xmlText('<Arn>\n  arn:aws:sts::1:assumed-role/a&amp;b/s \n</Arn>', 'Arn')).toBe(
      'arn:aws:sts::1:assumed-role/a&b/s',
    );
  });
});
