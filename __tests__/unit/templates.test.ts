// Static checks of the CloudFormation templates under templates/cloudformation/: they parse as
// plain YAML (long-form intrinsics only), every reference resolves, and the trust policies say
// what docs/aws-setup.md promises once the template's conditions are evaluated for real
// parameter values.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { evaluateTrustPolicy } from '../../src/trust-policy/generator.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Template {
  AWSTemplateFormatVersion?: string;
  Parameters?: Record<string, JsonObject>;
  Rules?: JsonObject;
  Conditions?: Record<string, Json>;
  Resources: Record<string, JsonObject>;
  Outputs?: Record<string, JsonObject>;
}

const TEMPLATE_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'templates',
  'cloudformation',
);

const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

const AUD = 'token.actions.githubusercontent.com:aud';
const SUB = 'token.actions.githubusercontent.com:sub';

function load(name: string): Template {
  const doc = parseDocument(readFileSync(join(TEMPLATE_DIR, name), 'utf8'));
  // Short-form tags such as !Ref would show up here as unresolved-tag warnings.
  expect(doc.errors).toEqual([]);
  expect(doc.warnings).toEqual([]);
  return doc.toJS() as Template;
}

function isObject(node: Json | undefined): node is JsonObject {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

/** Calls visit on every object node of the tree. */
function walk(node: Json, visit: (obj: JsonObject) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
  } else if (isObject(node)) {
    visit(node);
    for (const value of Object.values(node)) walk(value, visit);
  }
}

/** Names a string-form Fn::Sub refers to: ${Name} and ${Resource.Attr}, not ${!Literal}. */
function subVariables(text: string): string[] {
  return [...text.matchAll(/\$\{([^}]+)\}/g)]
    .map((m) => m[1] ?? '')
    .filter((name) => !name.startsWith('!'));
}

interface References {
  refs: string[];
  getAtts: string[];
  conditions: string[];
}

function collectReferences(template: Template): References {
  const found: References = { refs: [], getAtts: [], conditions: [] };
  walk(template as unknown as Json, (obj) => {
    if (typeof obj.Ref === 'string') found.refs.push(obj.Ref);
    // A string Condition names a template condition (resource and output attributes, and the
    // Condition function); an object Condition is an IAM policy condition block.
    if (typeof obj.Condition === 'string') found.conditions.push(obj.Condition);
    const ifArgs = obj['Fn::If'];
    if (Array.isArray(ifArgs) && typeof ifArgs[0] === 'string') found.conditions.push(ifArgs[0]);
    const getAtt = obj['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') found.getAtts.push(getAtt[0]);
    if (typeof getAtt === 'string') found.getAtts.push(getAtt.split('.')[0] ?? '');
    const sub = obj['Fn::Sub'];
    const subText = typeof sub === 'string' ? sub : Array.isArray(sub) ? sub[0] : undefined;
    const localVars = Array.isArray(sub) && isObject(sub[1]) ? Object.keys(sub[1]) : [];
    if (typeof subText === 'string') {
      for (const name of subVariables(subText)) {
        if (localVars.includes(name)) continue;
        if (name.includes('.') && !name.startsWith('AWS::')) {
          found.getAtts.push(name.split('.')[0] ?? '');
        } else {
          found.refs.push(name);
        }
      }
    }
  });
  return found;
}

// ---------------------------------------------------------------------------------------------
// A small evaluator: resolves Ref, Fn::Sub, Fn::If, Fn::Equals, Fn::Not, Fn::And, Fn::Or,
// Fn::Join and Condition for given parameter values, so trust policies can be checked as IAM
// would see them. Resources and pseudo-parameters resolve to placeholders "{{Name}}".

const NO_VALUE = Symbol('AWS::NoValue');
type Resolved = Json | typeof NO_VALUE;

function resolver(template: Template, values: Record<string, string>) {
  const parameterValue = (name: string): Json => {
    const declared = template.Parameters?.[name];
    if (!declared) throw new Error(`no parameter ${name}`);
    const raw = values[name] ?? declared.Default;
    if (raw === undefined || raw === null) throw new Error(`no value for parameter ${name}`);
    const text = String(raw);
    return declared.Type === 'CommaDelimitedList' ? text.split(',') : text;
  };

  const ref = (name: string): Resolved => {
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (template.Parameters?.[name]) return parameterValue(name);
    if (PSEUDO_PARAMETERS.has(name) || template.Resources[name]) return `{{${name}}}`;
    throw new Error(`Ref to undeclared ${name}`);
  };

  const condition = (name: string): boolean => {
    const body = template.Conditions?.[name];
    if (body === undefined) throw new Error(`undeclared condition ${name}`);
    const value = resolve(body);
    if (typeof value !== 'boolean') throw new Error(`condition ${name} is not boolean`);
    return value;
  };

  const resolve = (node: Json): Resolved => {
    if (Array.isArray(node)) {
      return node.map(resolve).filter((item): item is Json => item !== NO_VALUE);
    }
    if (!isObject(node)) return node;
    const keys = Object.keys(node);
    if (keys.length === 1) {
      const key = keys[0] as string;
      const arg = node[key] as Json;
      const args = Array.isArray(arg) ? arg : [];
      switch (key) {
        case 'Ref':
          return ref(String(arg));
        case 'Condition':
          if (typeof arg === 'string') return condition(arg);
          break;
        case 'Fn::If':
          return condition(String(args[0])) ? resolve(args[1] ?? null) : resolve(args[2] ?? null);
        case 'Fn::Equals':
          return (
            JSON.stringify(resolve(args[0] ?? null)) === JSON.stringify(resolve(args[1] ?? null))
          );
        case 'Fn::Not':
          return !resolve(args[0] ?? null);
        case 'Fn::And':
          return args.every((a) => resolve(a) === true);
        case 'Fn::Or':
          return args.some((a) => resolve(a) === true);
        case 'Fn::Join': {
          const list = resolve(args[1] ?? null);
          if (!Array.isArray(list)) throw new Error('Fn::Join of a non-list');
          return list.map(String).join(String(args[0]));
        }
        case 'Fn::GetAtt':
          return `{{${Array.isArray(arg) ? arg.join('.') : String(arg)}}}`;
        case 'Fn::Sub': {
          // String form, or [text, { Name: value }] with local variables.
          const text = typeof arg === 'string' ? arg : args[0];
          if (typeof text !== 'string') throw new Error('Fn::Sub without a string');
          const locals = isObject(args[1]) ? args[1] : {};
          return text.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
            if (name.startsWith('!')) return whole.replace('${!', '${');
            if (name in locals) {
              const local = resolve(locals[name] ?? null);
              if (typeof local !== 'string') throw new Error(`Fn::Sub of non-string ${name}`);
              return local;
            }
            if (name.includes('.') && !name.startsWith('AWS::')) return `{{${name}}}`;
            const value = ref(name);
            if (typeof value !== 'string') throw new Error(`Fn::Sub of non-string ${name}`);
            return value;
          });
        }
        default:
          break;
      }
    }
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      const resolved = resolve(value);
      if (resolved !== NO_VALUE) out[key] = resolved;
    }
    return out;
  };

  return { resolve, condition };
}

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Principal?: Record<string, string | string[]>;
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

function actions(statement: Statement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

function resourcesOfType(template: Template, type: string): [string, JsonObject][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

/** The only IAM role of the template, resolved for the given parameter values. */
function resolvedRole(template: Template, values: Record<string, string>) {
  const roles = resourcesOfType(template, 'AWS::IAM::Role');
  expect(roles).toHaveLength(1);
  const [, role] = roles[0] as [string, JsonObject];
  const properties = resolver(template, values).resolve(role.Properties ?? null) as JsonObject;
  // The OIDC templates give the document as a JSON string (their condition keys are parameters).
  const document = properties.AssumeRolePolicyDocument;
  const parsed = typeof document === 'string' ? (JSON.parse(document) as Json) : document;
  const trust = parsed as unknown as { Statement: Statement[] };
  return { properties, trust: trust.Statement };
}

// ---------------------------------------------------------------------------------------------

const ALL = ['github-oidc-deploy-role.yaml', 'gateway-role.yaml', 'cross-account-deploy-role.yaml'];
const OIDC = ['github-oidc-deploy-role.yaml', 'gateway-role.yaml'];
const BASE = { GitHubOrg: 'my-org', RepositoryName: 'my-repo' };

describe.each(ALL)('%s', (name) => {
  const template = load(name);

  it('is a CloudFormation template in long-form syntax', () => {
    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect(Object.keys(template.Resources).length).toBeGreaterThan(0);
  });

  it('refers only to declared parameters, resources, conditions and pseudo-parameters', () => {
    const { refs, getAtts, conditions } = collectReferences(template);
    const parameters = Object.keys(template.Parameters ?? {});
    const resources = Object.keys(template.Resources);
    const declaredConditions = Object.keys(template.Conditions ?? {});
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect({
        ref,
        declared: parameters.includes(ref) || resources.includes(ref) || PSEUDO_PARAMETERS.has(ref),
      }).toEqual({ ref, declared: true });
    }
    for (const target of getAtts) expect(resources).toContain(target);
    for (const used of conditions) expect(declaredConditions).toContain(used);
    // And nothing is declared for nothing.
    for (const declared of declaredConditions) expect(conditions).toContain(declared);
    for (const parameter of parameters) expect(refs).toContain(parameter);
  });

  it('bounds the session duration to 3600..43200 seconds, 3600 by default', () => {
    const parameter = template.Parameters?.MaxSessionDurationSeconds;
    expect(parameter).toMatchObject({
      Type: 'Number',
      Default: 3600,
      MinValue: 3600,
      MaxValue: 43200,
    });
    const { properties } = resolvedRole(template, {
      ...BASE,
      ExternalId: 'x',
      GatewayRoleArn: 'x',
      DeployRoleArns: 'x',
    });
    expect(properties.MaxSessionDuration).toBe('3600');
    expect(properties.RoleName).toBe(template.Parameters?.RoleName?.Default);
  });

  it('outputs the role ARN', () => {
    expect(template.Outputs?.RoleArn?.Value).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
  });
});

describe.each(OIDC)('%s (GitHub OIDC trust)', (name) => {
  const template = load(name);
  const extra =
    name === 'gateway-role.yaml' ? { DeployRoleArns: 'arn:aws:iam::333333333333:role/deploy' } : {};

  // [case, parameters, provider URL, client IDs]
  it.each<[string, Record<string, string>, string, string[]]>([
    [
      'github.com by default',
      {},
      'https://token.actions.githubusercontent.com',
      ['sts.amazonaws.com'],
    ],
    [
      'a GHES issuer and the China audience',
      { IssuerHost: 'ghe.example.com/_services/token', Audience: 'sts.amazonaws.com.cn' },
      'https://ghe.example.com/_services/token',
      ['sts.amazonaws.com.cn'],
    ],
  ])('can create the OIDC provider: %s', (_name, values, url, clientIds) => {
    const providers = resourcesOfType(template, 'AWS::IAM::OIDCProvider');
    expect(providers).toHaveLength(1);
    const [, provider] = providers[0] as [string, JsonObject];
    expect(provider.Condition).toBe('CreateProvider');
    const properties = resolver(template, { ...BASE, ...extra, ...values }).resolve(
      provider.Properties ?? null,
    );
    expect(properties).toEqual({ Url: url, ClientIdList: clientIds });
    expect(template.Outputs?.OidcProviderArn).toBeDefined();
  });

  // The resolved trust policy, evaluated as IAM would, for each issuer and audience.
  const PROVIDER = (host: string) => `arn:aws:iam::111111111111:oidc-provider/${host}`;
  // [case, parameters, token claims, admitted]
  it.each<[string, Record<string, string>, Record<string, string>, boolean]>([
    [
      'github.com, environment job',
      { Environment: 'prod' },
      {
        iss: 'https://token.actions.githubusercontent.com',
        aud: 'sts.amazonaws.com',
        sub: 'repo:my-org/my-repo:environment:prod',
      },
      true,
    ],
    [
      'GHES, China audience, branch job',
      {
        IssuerHost: 'ghe.example.com/_services/token',
        Audience: 'sts.amazonaws.com.cn',
        Branch: 'main',
      },
      {
        iss: 'https://ghe.example.com/_services/token',
        aud: 'sts.amazonaws.com.cn',
        sub: 'repo:my-org/my-repo:ref:refs/heads/main',
      },
      true,
    ],
    [
      'GHES policy, github.com token',
      { IssuerHost: 'ghe.example.com/_services/token', Branch: 'main' },
      {
        iss: 'https://token.actions.githubusercontent.com',
        aud: 'sts.amazonaws.com',
        sub: 'repo:my-org/my-repo:ref:refs/heads/main',
      },
      false,
    ],
    [
      'enterprise issuer, whole repository, pull request',
      { IssuerHost: 'token.actions.githubusercontent.com/my-ent' },
      {
        iss: 'https://token.actions.githubusercontent.com/my-ent',
        aud: 'sts.amazonaws.com',
        sub: 'repo:my-org/my-repo:pull_request',
      },
      true,
    ],
    [
      'branch policy, other repository',
      { Branch: 'main' },
      {
        iss: 'https://token.actions.githubusercontent.com',
        aud: 'sts.amazonaws.com',
        sub: 'repo:my-org/other:ref:refs/heads/main',
      },
      false,
    ],
  ])('trust policy for %s → %s', (_name, values, claims, admitted) => {
    const host = values['IssuerHost'] ?? 'token.actions.githubusercontent.com';
    const { trust } = resolvedRole(template, {
      ...BASE,
      ...extra,
      CreateOidcProvider: 'false',
      OidcProviderArn: PROVIDER(host),
      ...values,
    });
    expect(evaluateTrustPolicy({ Statement: trust }, claims).allowed).toBe(admitted);
  });

  it.each([
    [
      'an environment',
      { Environment: 'prod', Branch: 'main' },
      'StringEquals',
      'repo:my-org/my-repo:environment:prod',
    ],
    [
      'a branch',
      { Environment: '', Branch: 'main' },
      'StringEquals',
      'repo:my-org/my-repo:ref:refs/heads/main',
    ],
    [
      'the whole repository',
      { Environment: '', Branch: '' },
      'StringLike',
      'repo:my-org/my-repo:*',
    ],
  ])('scopes the sub claim to %s', (_label, scope, operator, subject) => {
    const { trust } = resolvedRole(template, { ...BASE, ...extra, ...scope });
    expect(trust).toHaveLength(1);
    const statement = trust[0] as Statement;
    expect(statement.Effect).toBe('Allow');
    expect(actions(statement)).toEqual(['sts:AssumeRoleWithWebIdentity']);
    expect(statement.Condition?.StringEquals?.[AUD]).toBe('sts.amazonaws.com');
    expect(statement.Condition?.[operator]?.[SUB]).toBe(subject);
    // The sub claim is tested exactly once, under the expected operator.
    const subTests = Object.values(statement.Condition ?? {}).filter((block) => SUB in block);
    expect(subTests).toHaveLength(1);
  });

  it('trusts the created provider, or the one passed in', () => {
    const created = resolvedRole(template, { ...BASE, ...extra }).trust[0] as Statement;
    expect(created.Principal).toEqual({ Federated: '{{GitHubOidcProvider}}' });
    const existing = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com';
    const passed = resolvedRole(template, {
      ...BASE,
      ...extra,
      CreateOidcProvider: 'false',
      OidcProviderArn: existing,
    }).trust[0] as Statement;
    expect(passed.Principal).toEqual({ Federated: existing });
  });

  it('requires OidcProviderArn when the provider is not created', () => {
    expect(JSON.stringify(template.Rules)).toContain('OidcProviderArn');
  });
});

describe('gateway-role.yaml permissions', () => {
  const template = load('gateway-role.yaml');

  it('may only assume, tag and set source identity on the listed deploy roles', () => {
    const deployRoles =
      'arn:aws:iam::333333333333:role/deploy,arn:aws:iam::444444444444:role/deploy';
    const { properties } = resolvedRole(template, { ...BASE, DeployRoleArns: deployRoles });
    const policies = properties.Policies as unknown as {
      PolicyDocument: { Statement: Statement[] };
    }[];
    const statements = policies.flatMap((policy) => policy.PolicyDocument.Statement);
    expect(statements).toHaveLength(1);
    const statement = statements[0] as Statement;
    expect(statement.Effect).toBe('Allow');
    expect([...actions(statement)].sort()).toEqual([
      'sts:AssumeRole',
      'sts:SetSourceIdentity',
      'sts:TagSession',
    ]);
    expect(statement.Resource).toEqual(deployRoles.split(','));
    expect(properties.ManagedPolicyArns).toBeUndefined();
  });
});

describe('cross-account-deploy-role.yaml trust', () => {
  const template = load('cross-account-deploy-role.yaml');
  const gateway = 'arn:aws:iam::222222222222:role/github-actions-gateway';
  const { trust } = resolvedRole(template, { GatewayRoleArn: gateway, ExternalId: 'EXAMPLE' });

  it('allows sts:AssumeRole from the gateway role only with the external ID', () => {
    const assume = trust.filter((statement) => actions(statement).includes('sts:AssumeRole'));
    expect(assume.length).toBeGreaterThan(0);
    for (const statement of assume) {
      expect(statement.Effect).toBe('Allow');
      expect(statement.Principal).toEqual({ AWS: gateway });
      expect(statement.Condition?.StringEquals?.['sts:ExternalId']).toBe('EXAMPLE');
    }
  });

  it('allows sts:TagSession and sts:SetSourceIdentity from the gateway role', () => {
    const allowed = trust.flatMap(actions);
    expect(allowed).toEqual(
      expect.arrayContaining(['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity']),
    );
    for (const statement of trust) expect(statement.Principal).toEqual({ AWS: gateway });
    expect(allowed).not.toContain('sts:AssumeRoleWithWebIdentity');
  });

  it('hides the external ID parameter', () => {
    expect(template.Parameters?.ExternalId).toMatchObject({
      NoEcho: true,
      MinLength: 2,
      MaxLength: 1224,
    });
  });
});

describe.each(ALL)('%s: IAM path and permissions boundary', (name) => {
  const template = load(name);
  const values = { ...BASE, ExternalId: 'x', GatewayRoleArn: 'x', DeployRoleArns: 'x' };

  it('puts the role at / with no boundary by default', () => {
    const { properties } = resolvedRole(template, values);
    expect(properties.Path).toBe('/');
    expect(properties.PermissionsBoundary).toBeUndefined();
  });

  it('takes a path and a boundary as parameters', () => {
    const boundary = 'arn:aws:iam::111111111111:policy/deploy-boundary';
    const { properties } = resolvedRole(template, {
      ...values,
      RolePath: '/deploy/',
      PermissionsBoundaryArn: boundary,
    });
    expect(properties.Path).toBe('/deploy/');
    expect(properties.PermissionsBoundary).toBe(boundary);
  });

  it.each([
    ['RolePath', '/deploy/', true],
    ['RolePath', 'deploy', false],
    ['RolePath', '/deploy', false],
    ['PermissionsBoundaryArn', '', true],
    ['PermissionsBoundaryArn', 'arn:aws-cn:iam::111111111111:policy/b', true],
    ['PermissionsBoundaryArn', 'deploy-boundary', false],
  ])('%s %j allowed: %s', (parameter, value, allowed) => {
    const pattern = String(template.Parameters?.[parameter]?.AllowedPattern);
    expect(new RegExp(pattern).test(value)).toBe(allowed);
  });
});

/** Upper bound for one run of an external checker (cfn-lint, terraform) on a loaded machine. */
const TOOL_TIMEOUT_MS = 120_000;

// cfn-lint (pip install cfn-lint) checks the templates against CloudFormation's resource specs.
// It is on the machine image; CI must have it, so a missing cfn-lint fails there.
describe('cfn-lint', () => {
  const cfnLint = findTool('cfn-lint', ['/root/.pyenv/shims/cfn-lint']);
  it('passes on every CloudFormation template (required when CI=true)', () => {
    if (cfnLint === undefined) {
      expect(process.env['CI']).not.toBe('true');
      return;
    }
    const result = spawnSync(
      cfnLint,
      ALL.map((name) => join(TEMPLATE_DIR, name)),
      // cfn-lint starts Python and loads every resource spec: seconds when idle, far more on a
      // loaded 2-core machine. Bounded so a hang fails the test instead of stalling the suite.
      { encoding: 'utf8', timeout: TOOL_TIMEOUT_MS },
    );
    expect({ status: result.status, output: `${result.stdout}${result.stderr}` }).toEqual({
      status: 0,
      output: '',
    });
  });
});

// terraform fmt needs no provider download. Where terraform is not installed the check cannot run:
// the test then passes and says so in its name's log line.
describe('terraform fmt', () => {
  const terraform = findTool('terraform', []);
  it('finds the Terraform templates formatted, where terraform is installed', () => {
    if (terraform === undefined) return;
    const result = spawnSync(
      terraform,
      ['fmt', '-check', '-recursive', '-diff', join(TEMPLATE_DIR, '..', 'terraform')],
      {
        encoding: 'utf8',
        env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' },
        timeout: TOOL_TIMEOUT_MS,
      },
    );
    expect({ status: result.status, diff: result.stdout }).toEqual({ status: 0, diff: '' });
  });

  it('constrains the AWS provider to one major version', () => {
    for (const module of ['github-oidc-role', 'cross-account-role', 'examples/gateway-to-prod']) {
      const main = readFileSync(join(TEMPLATE_DIR, '..', 'terraform', module, 'main.tf'), 'utf8');
      expect(main).toMatch(/source\s+=\s+"hashicorp\/aws"\s+version\s+=\s+"~> \d+\.\d+"/);
    }
  });
});

/** The path of a command on PATH, or of the first existing fallback, else undefined. */
function findTool(command: string, fallbacks: string[]): string | undefined {
  const onPath = spawnSync('sh', ['-c', `command -v ${command}`], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (onPath.status === 0 && onPath.stdout.trim() !== '') return onPath.stdout.trim();
  return fallbacks.find((path) => existsSync(path));
}
