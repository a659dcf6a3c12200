import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 9817:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   iJ: () => (/* binding */ proxyFor),
/* harmony export */   m_: () => (/* binding */ exportProxySettings),
/* harmony export */   wX: () => (/* binding */ TransportError)
/* harmony export */ });
/* harmony import */ var _actions_http_client_lib_proxy__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9783);

/** A transport failure (refused, reset, timed out): always worth a retry. */
class TransportError extends Error {
    code;
    constructor(message, code) {
        super(message);
        this.code = code;
        this.name = 'TransportError';
    }
}
/**
 * The proxy for a URL, decided by @actions/http-client itself (its public `./lib/proxy` entry,
 * listed in the package's "exports" map), so STS goes where the OIDC token request goes:
 * https_proxy before HTTPS_PROXY (http_proxy before HTTP_PROXY for plain HTTP), an empty one
 * counting as unset; no_proxy before NO_PROXY, matched on the host and on host:port with the
 * scheme's default port filled in; loopback never proxied. It reads process.env, so the inputs
 * must have been put there first (exportProxySettings).
 */
function proxyFor(url) {
    const proxy = (0,_actions_http_client_lib_proxy__WEBPACK_IMPORTED_MODULE_0__/* .getProxyUrl */ .s)(url);
    // A value that parses as a URL but has no host (`proxy.corp:3128` reads as a scheme) is no
    // proxy to http-client either (its `useProxy` checks the hostname).
    return proxy === undefined || proxy.hostname === '' ? undefined : new URL(proxy.href);
}
/**
 * @actions/http-client (under core.getIDToken in the main step, and the refresh helper's token
 * transport) takes its proxy from https_proxy/http_proxy and its exceptions from no_proxy (lower
 * case first, then upper case), and never proxies loopback addresses. The http-proxy input is
 * put where it looks; the no-proxy input is added to the job's own exceptions, as proxyFor
 * combines them for STS. Without the inputs the job's variables stay as they are.
 */
function exportProxySettings(settings, env) {
    if (settings.httpProxy !== undefined) {
        env['https_proxy'] = settings.httpProxy;
        env['http_proxy'] = settings.httpProxy;
    }
    if (settings.noProxy.length > 0) {
        const job = (env['no_proxy'] || env['NO_PROXY'] || '').split(',');
        const entries = [...job, ...settings.noProxy].map((entry) => entry.trim());
        env['no_proxy'] = [...new Set(entries.filter((entry) => entry !== ''))].join(',');
    }
}


/***/ }),

/***/ 9682:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  r6: () => (/* binding */ describePinnedEndpoint),
  LV: () => (/* binding */ pinEnvironment),
  Fc: () => (/* binding */ pinFromInputs),
  VS: () => (/* binding */ proxyVariablesOf)
});

// UNUSED EXPORTS: isNetworkOverride

// EXTERNAL MODULE: ./src/aws/http-transport.ts
var http_transport = __nccwpck_require__(9817);
;// CONCATENATED MODULE: ./src/model/proxy-variables.ts
/**
 * The environment variables @actions/http-client reads for its proxy, in the order it reads them
 * (lower case first, HTTPS before HTTP), kept in one place for the input checks, the masks and the
 * refresh helper's pin.
 * https://github.com/actions/toolkit/blob/main/packages/http-client/src/proxy.ts
 */
const PROXY_URL_VARIABLES = [
    'https_proxy',
    'HTTPS_PROXY',
    'http_proxy',
    'HTTP_PROXY',
];
/** The variables that list hosts reached without the proxy, in the order http-client reads them. */
const NO_PROXY_VARIABLES = ['no_proxy', 'NO_PROXY'];

;// CONCATENATED MODULE: ./src/aws/network-pin.ts


/** The variables @actions/http-client reads for its proxy and its exceptions. */
const PROXY_VARIABLES = [...PROXY_URL_VARIABLES, ...NO_PROXY_VARIABLES];
/** The set proxy variables of an environment, by name. */
function proxyVariablesOf(env) {
    const found = {};
    for (const name of PROXY_VARIABLES) {
        const value = env[name];
        if (value !== undefined)
            found[name] = value;
    }
    return found;
}
/**
 * Variables of the helper's own environment that would change where STS or the token request
 * goes: every AWS_ENDPOINT_URL* (the SDK reads them per service), the switch that turns them off,
 * FIPS and dual-stack (https://docs.aws.amazon.com/sdkref/latest/guide/feature-endpoints.html),
 * and the proxy variables in any letter case (Windows names are case-insensitive, and a mixed
 * spelling must not survive beside the pinned ones).
 */
function isNetworkOverride(name) {
    const lower = name.toLowerCase();
    return (lower.startsWith('aws_endpoint_url') ||
        lower === 'aws_ignore_configured_endpoint_urls' ||
        lower === 'aws_use_fips_endpoint' ||
        lower === 'aws_use_dualstack_endpoint' ||
        lower === 'https_proxy' ||
        lower === 'http_proxy' ||
        lower === 'no_proxy');
}
/**
 * Makes the helper's environment hold main's choices only: every override it inherited from the
 * step that runs it is removed, and main's proxy variables are put back.
 */
function pinEnvironment(env, pin) {
    for (const name of Object.keys(env))
        if (isNetworkOverride(name))
            delete env[name];
    Object.assign(env, pin.proxyEnv);
}
/**
 * The choices of a spec written before they were recorded (version 1): the sts-endpoint input
 * if it was given, else the SDK default for the region, FIPS and dual-stack off, and the proxy
 * inputs (which there already held HTTPS_PROXY/HTTP_PROXY and NO_PROXY when the inputs were
 * empty). What that main step took from AWS_ENDPOINT_URL*, AWS_USE_*_ENDPOINT or a lower-case
 * proxy variable is not known; the helper's own variables are still never used instead.
 */
function pinFromInputs(stsEndpoint, proxy) {
    const proxyEnv = {};
    (0,http_transport/* exportProxySettings */.m_)(proxy, proxyEnv);
    return {
        endpoint: stsEndpoint === undefined ? 'sdk-default' : { url: stsEndpoint, from: 'sts-endpoint' },
        useFipsEndpoint: false,
        useDualstackEndpoint: false,
        proxyEnv: proxyVariablesOf(proxyEnv),
    };
}
/** Where a pinned endpoint is, for messages: its origin only (a URL may carry a password). */
function describePinnedEndpoint(pin, region) {
    if (pin.endpoint === 'sdk-default') {
        const flags = [pin.useFipsEndpoint ? 'FIPS' : '', pin.useDualstackEndpoint ? 'dual-stack' : '']
            .filter((flag) => flag !== '')
            .join(', ');
        return `the SDK's default STS endpoint for ${region}${flags === '' ? '' : ` (${flags})`}`;
    }
    let origin;
    try {
        origin = new URL(pin.endpoint.url).origin;
    }
    catch {
        origin = '(not a URL)';
    }
    return `${origin} (from ${pin.endpoint.from} in the main step)`;
}


/***/ }),

/***/ 3219:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _refresh_credential_process_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6898);

// Entry point of the credential_process helper bundle. The AWS client waits for this process to
// end, so it ends as soon as its answer is out: a request it gave up on (a proxy that never
// answers a CONNECT holds a socket open past every timeout) must not keep it alive. The empty
// write's callback runs once everything before it has been flushed, where stdout is a pipe that
// writes asynchronously (macOS runners).
const code = await (0,_refresh_credential_process_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .iW)(process.argv.slice(2));
process.stdout.write('', () => process.exit(code));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 7206:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AF: () => (/* binding */ GuardRailError),
/* harmony export */   Do: () => (/* binding */ StsCallError),
/* harmony export */   HZ: () => (/* binding */ OidcTokenError),
/* harmony export */   bD: () => (/* binding */ messageOf),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   q$: () => (/* binding */ HopError)
/* harmony export */ });
/* unused harmony exports InputErrors, ActionTimeoutError */
/** Error types users can act on. Each renders as one short, secret-free message. */
/** A single input that cannot be used, rendered as "`input`: problem". */
class InputError extends Error {
    input;
    problem;
    constructor(input, problem) {
        super(`\`${input}\`: ${problem}`);
        this.input = input;
        this.problem = problem;
        this.name = 'InputError';
    }
}
/** Every input problem found in one pass, so users fix them all at once. */
class InputErrors extends Error {
    errors;
    constructor(errors) {
        super(errors.length === 1
            ? `Invalid input. ${errors[0]?.message ?? ''}`
            : `${errors.length} inputs need fixing:\n${errors.map((e) => `  - ${e.message}`).join('\n')}`);
        this.errors = errors;
        this.name = 'InputErrors';
    }
}
/** A guard rail (allowed events, refs, environments, accounts) refused the run. */
class GuardRailError extends Error {
    rule;
    constructor(rule, reason) {
        super(`Refused by \`${rule}\`: ${reason}`);
        this.rule = rule;
        this.name = 'GuardRailError';
    }
}
/** The GitHub OIDC token could not be obtained. */
class OidcTokenError extends Error {
    status;
    retryable;
    constructor(message, status, 
    /** True when the endpoint could not be reached or did not answer in time (worth a retry). */
    retryable = false) {
        super(message);
        this.status = status;
        this.retryable = retryable;
        this.name = 'OidcTokenError';
    }
}
/** An STS call failed with an AWS error code (or a transport failure, code "NetworkError"). */
class StsCallError extends Error {
    operation;
    code;
    awsMessage;
    status;
    /** The SDK corrected its clock from this answer's Date header: one more try can succeed. */
    clockSkewCorrected;
    /** The host name DNS did not know (ENOTFOUND), when that was the failure. */
    unresolvedHost;
    constructor(operation, code, awsMessage, status, options = {}) {
        super(`${operation} failed: ${code}: ${awsMessage}`);
        this.operation = operation;
        this.code = code;
        this.awsMessage = awsMessage;
        this.status = status;
        this.name = 'StsCallError';
        this.clockSkewCorrected = options.clockSkewCorrected ?? false;
        this.unresolvedHost = options.unresolvedHost;
    }
}
/** Where in the plan a failure happened: wraps the cause once, at the layer that knows the hop. */
class HopError extends Error {
    session;
    hopNumber;
    hopCount;
    roleArn;
    cause;
    constructor(session, hopNumber, hopCount, roleArn, cause) {
        const where = hopCount > 1 ? `hop ${hopNumber} of ${hopCount}` : 'assuming the role';
        const label = session === 'default' ? '' : ` (profile ${session})`;
        super(`Failed at ${where}${label}, ${roleArn}: ${messageOf(cause)}`);
        this.session = session;
        this.hopNumber = hopNumber;
        this.hopCount = hopCount;
        this.roleArn = roleArn;
        this.cause = cause;
        this.name = 'HopError';
    }
}
/** The whole step ran past `action-timeout-s`. */
class ActionTimeoutError extends Error {
    seconds;
    constructor(seconds) {
        super(`Stopped after action-timeout-s (${seconds} s) before credentials were ready; nothing was exported. ` +
            'Raise `action-timeout-s`, or check that STS is reachable from this runner.');
        this.seconds = seconds;
        this.name = 'ActionTimeoutError';
    }
}
/** Returns a readable message for anything thrown, Error or not. */
function messageOf(thrown) {
    if (thrown instanceof Error)
        return thrown.message;
    if (typeof thrown === 'string')
        return thrown;
    try {
        return JSON.stringify(thrown) ?? String(thrown);
    }
    catch {
        return String(thrown);
    }
}


/***/ }),

/***/ 6898:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  iW: () => (/* binding */ main)
});

// UNUSED EXPORTS: refreshCredentials, saveToCache

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
;// CONCATENATED MODULE: ./src/publish/user-directory.ts

/**
 * Throws when a user's profile directory (~/.aws) is a symbolic link: a write through it would
 * land wherever the link points, which may be shared or outside the user's home. A missing
 * directory is fine (it is created as a real one). The post step asks again before it edits or
 * removes anything there: on a self-hosted runner a later step may have swapped the directory.
 */
async function user_directory_refuseLinkedDirectory(directory, doing) {
    const stat = await fs.lstat(directory).catch(() => undefined);
    if (stat?.isSymbolicLink() !== true)
        return;
    const refusal = doing === undefined ? 'refusing to write profiles into' : `refusing to ${doing}`;
    throw new Error(`${refusal} ${directory}: it is a symbolic link, and a write through it would land where it points. Replace the link with a real directory, or use \`profile-files-location: runner-temp\``);
}

;// CONCATENATED MODULE: external "node:timers/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");
;// CONCATENATED MODULE: ./src/publish/transient-file-errors.ts


/**
 * Waits between attempts of a rename or delete on Windows: 1.55 s in all, enough for a virus
 * scanner or an AWS client that has the file open for a moment, short enough for a
 * credential_process call.
 */
const transient_file_errors_TRANSIENT_RETRY_DELAYS_MS = [50, 100, 200, 400, 800];
/**
 * Whether a failed rename or delete may succeed if tried again: on Windows only, where
 * MoveFileEx and DeleteFile fail with a sharing violation (EPERM, EBUSY, EACCES in Node) while
 * another process (an AWS client reading the file, a virus scanner, the search indexer) holds it
 * open without delete sharing. graceful-fs retries the same three codes on win32 for renames
 * (https://github.com/isaacs/node-graceful-fs/blob/main/polyfills.js, `fs.rename`), and Node's
 * own `fs.rm` retries EBUSY and EPERM when given `maxRetries`
 * (https://nodejs.org/api/fs.html#fspromisesrmpath-options). On POSIX a rename or unlink goes
 * through an open file, so these codes there mean a real permission problem.
 */
function transient_file_errors_isTransientFileError(platform, error) {
    const code = error?.code;
    return platform === 'win32' && (code === 'EPERM' || code === 'EBUSY' || code === 'EACCES');
}
/**
 * Runs `attempt`, retrying a transient Windows failure (isTransientFileError) after each of
 * TRANSIENT_RETRY_DELAYS_MS; any other error, or the last one, is thrown.
 */
async function retryTransient(attempt, clock) {
    for (const delay of transient_file_errors_TRANSIENT_RETRY_DELAYS_MS) {
        try {
            return await attempt();
        }
        catch (error) {
            if (!transient_file_errors_isTransientFileError(clock.platform, error))
                throw error;
            await clock.sleep(delay);
        }
    }
    return attempt();
}
const nodeRemovePort = {
    platform: process.platform,
    rm: (file) => external_node_fs_.promises.rm(file, { force: true }),
    sleep: (ms) => (0,promises_namespaceObject.setTimeout)(ms),
};
/** Deletes a file (a missing one is no error), retrying as renames do (retryTransient). */
async function transient_file_errors_removeRetrying(file, port = nodeRemovePort) {
    await retryTransient(() => port.rm(file), port);
}

;// CONCATENATED MODULE: ./src/publish/rename-replacing.ts



const nodeRenamePort = {
    platform: process.platform,
    rename: (from, to) => external_node_fs_.promises.rename(from, to),
    sleep: (ms) => (0,promises_namespaceObject.setTimeout)(ms),
};
/** Waits between rename attempts on Windows: the rule deletes share (transient-file-errors.ts). */
const RENAME_RETRY_DELAYS_MS = (/* unused pure expression or super */ null && (TRANSIENT_RETRY_DELAYS_MS));
/** Whether a failed rename may succeed if tried again (transient-file-errors.ts). */
const isTransientRenameError = (/* unused pure expression or super */ null && (isTransientFileError));
/**
 * Renames `from` over `to`, retrying a transient Windows failure (isTransientFileError) a
 * bounded number of times with growing waits; any other error, or the last one, is thrown.
 */
async function renameReplacing(from, to, port = nodeRenamePort) {
    await retryTransient(() => port.rename(from, to), port);
}

;// CONCATENATED MODULE: ./src/model/file-system-case.ts

/**
 * Whether the default file system on `platform` ignores case in names: NTFS on Windows and
 * APFS/HFS+ on macOS are case-insensitive (case-preserving) unless a directory or volume opts in
 * (https://learn.microsoft.com/windows/wsl/case-sensitivity,
 * https://support.apple.com/guide/disk-utility/file-system-formats-dsku19ed921c/mac), and
 * GitHub's Windows and macOS images use those defaults. Linux file systems are case-sensitive.
 */
function isCaseInsensitiveFileSystem(platform) {
    return platform === 'win32' || platform === 'darwin';
}
/** The path module for `platform`'s path syntax (drive letters and `\` on Windows only). */
function pathFor(platform) {
    return platform === 'win32' ? path.win32 : path.posix;
}
/**
 * Whether two paths name the same file on `platform`: both resolved (`.`, `..`, separators),
 * then compared ignoring case where the file system does (see isCaseInsensitiveFileSystem).
 */
function isSamePath(a, b, platform) {
    const p = pathFor(platform);
    const [x, y] = [p.resolve(a), p.resolve(b)];
    return isCaseInsensitiveFileSystem(platform) ? x.toLowerCase() === y.toLowerCase() : x === y;
}
/**
 * The part of a file name that stands for a profile, distinct for every profile name even
 * where the file system ignores case. Profile names are case-sensitive for every AWS client
 * (`Dev` and `dev` are two profiles), so on Windows and macOS `cache-Dev.json` and
 * `cache-dev.json` would be one file and one profile would be served the other's credentials.
 * A name with capitals gets `+` and a hex mask of their positions (`Dev` -> `Dev+1`,
 * `dEv` -> `dEv+2`); `+` is not allowed in profile names, so no two names share a stem. The
 * same stem is used on every OS, so a file's name never depends on where the step ran.
 */
function file_system_case_profileFileStem(profile) {
    let mask = 0n;
    [...profile].forEach((char, index) => {
        if (char !== char.toLowerCase())
            mask |= 1n << BigInt(index);
    });
    return mask === 0n ? profile : `${profile}+${mask.toString(16)}`;
}

;// CONCATENATED MODULE: ./src/plan/profile-locations.ts


/** The section header a profile has in the config file ("default" has no "profile " prefix). */
function profile_locations_configHeader(profile) {
    return profile === 'default' ? 'default' : `profile ${profile}`;
}
/** The shared files that were in effect before this step (env overrides, else ~/.aws). */
function currentSharedFiles(ambient, home) {
    return {
        config: ambient.configFile ?? path.join(home, '.aws', 'config'),
        credentials: ambient.credentialsFile ?? path.join(home, '.aws', 'credentials'),
    };
}
/** The user's own profile files: ~/.aws/config and ~/.aws/credentials. */
function homeSharedFiles(home) {
    return {
        config: path.join(home, '.aws', 'config'),
        credentials: path.join(home, '.aws', 'credentials'),
    };
}
/**
 * Where one profile's refresh helper keeps its spec and its credentials cache, named so that
 * profiles differing only in case get different files on Windows and macOS (profileFileStem).
 * The helper's leftover temp files are named after the cache (refresh-spec.ts REFRESH_TEMP_FILE).
 */
function refreshFiles(directory, profile) {
    const stem = profileFileStem(profile);
    return {
        specFile: path.join(directory, `refresh-${stem}.json`),
        cacheFile: path.join(directory, `cache-${stem}.json`),
    };
}

;// CONCATENATED MODULE: ./src/publish/profile-headers.ts
/**
 * How the two readers of a shared config/credentials file see a section header line, and where
 * a profile's section is. Pure text in, data out.
 *
 * botocore (the AWS CLI, boto3): configloader.raw_config_parse reads the file with Python's
 * configparser.RawConfigParser: a stripped line starting with `#` or `;` is a comment; otherwise
 * `\[(?P<header>.+)\]` is matched from the start of the stripped line ("very permissive": the
 * header runs to the line's last `]`, so `[deploy] ; note` is section `deploy`; no inline
 * comments are stripped; the header is not trimmed), and a repeated header makes the whole file
 * fail to parse (DuplicateSectionError, strict mode). build_profile_map then reads a config
 * section whose name starts with `profile` as shlex.split(name) == ['profile', NAME] (so quotes
 * are removed and `[profile  deploy]` is `deploy`), and `default` as itself.
 *
 * The JS SDK v3 (@smithy/shared-ini-file-loader, now @smithy/core/config, parseIni): cuts each
 * line at the first `;` or `#` that starts it or follows white space, trims it, and takes
 * `[...]` as a section only when the trimmed text starts with `[` and ends with `]`; the inner
 * text (not trimmed) matching `^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$` with a known prefix is
 * `prefix.name` (`profile "deploy"` is profile `deploy`; `profile  deploy`, with two spaces, is
 * nothing); a repeated header merges into the first (getConfigData maps `profile.default` onto
 * `default` too).
 *
 * A header both read as the profile is the profile's section; any other spelling of the name
 * (found after removing comments, quotes, brackets and repeated spaces) is ambiguous: the two
 * readers, or a person, could take different sections for it, and this step refuses to add a
 * second one (issue 17).
 */
const JS_PREFIXED = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;
const JS_SECTION_TYPES = (/* unused pure expression or super */ null && (['profile', 'sso-session', 'services']));
const COMMON_SPACE = '\\t\\n\\v\\f\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const READER_SPACE = {
    botocore: `${COMMON_SPACE}\\x1c-\\x1f\\x85`,
    js: `${COMMON_SPACE}\\ufeff`,
    go: `${COMMON_SPACE}\\x85`,
};
const edges = (set) => new RegExp(`^[${set}]+|[${set}]+$`, 'gu');
const READER_EDGES = {
    botocore: edges(READER_SPACE.botocore),
    js: edges(READER_SPACE.js),
    go: edges(READER_SPACE.go),
};
/** Every character any reader counts as white space, for the loose (human) reading. */
const ANY_SPACE = (/* unused pure expression or super */ null && (`[${Object.values(READER_SPACE).join('')}]`));
/**
 * The line as one client sees it once it has stripped white space from both ends, which each
 * does before it looks for `[...]`, each with its own idea of white space:
 * - botocore: configparser's `line.strip()`, Python's str.strip() (str.isspace(): also
 *   \x1c-\x1f and \x85; https://docs.python.org/3/library/stdtypes.html#str.isspace);
 * - the JS SDK v3: parseIni's `String.prototype.trim()` (WhiteSpace and LineTerminator: also
 *   U+FEFF, but neither \x1c-\x1f nor \x85; https://tc39.es/ecma262/#sec-string.prototype.trim);
 * - the Go SDK v2: internal/ini's `strings.TrimSpace` (unicode.IsSpace: also \x85, but neither
 *   \x1c-\x1f nor U+FEFF; https://pkg.go.dev/unicode#IsSpace); its older lexer skips the same set.
 * All three strip \t \n \v \f \r, space, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029,
 * U+202F, U+205F and U+3000 (profile-files.test.ts checks the table against python3 and node).
 */
function stripAsReader(line, reader) {
    return line.replace(READER_EDGES[reader], '');
}
/** Reads one line as both readers do; all three are undefined for a line that is no header. */
function readHeaderLine(line) {
    const stripped = {
        botocore: stripAsReader(line, 'botocore'),
        js: stripAsReader(line, 'js'),
        go: stripAsReader(line, 'go'),
    };
    // A line the clients strip differently is a header to some and text to others (a leading
    // \x1c, \x85 or U+FEFF): no reading of it is trusted, only the loose one, so a header of the
    // same name is refused as ambiguous rather than added a second time (issue 24).
    const disputed = stripped.botocore !== stripped.js || stripped.js !== stripped.go;
    const loose = looseName(line);
    if (disputed && loose !== undefined)
        return { botocore: undefined, js: undefined, loose };
    return { botocore: botocoreHeader(stripped.botocore), js: jsHeader(stripped.js), loose };
}
function botocoreHeader(stripped) {
    if (stripped.startsWith('#') || stripped.startsWith(';'))
        return undefined;
    const header = /^\[(.+)\]/.exec(stripped)?.[1];
    if (header === undefined || !header.startsWith('profile'))
        return header;
    // build_profile_map/_parse_section: any section starting with "profile" whose shlex.split has
    // two words names the profile in its second word, whatever the first word is.
    const parts = shlexSplit(header);
    if (parts?.length !== 2)
        return header;
    return parts[1] === 'default' && parts[0] === 'profile' ? 'default' : `profile ${parts[1]}`;
}
function jsHeader(trimmedLine) {
    const trimmed = stripAsReader(trimmedLine.split(/(?:^|\s)[;#]/)[0] ?? '', 'js');
    if (!trimmed.startsWith('[') || !trimmed.endsWith(']') || trimmed.length < 2)
        return undefined;
    const inner = trimmed.slice(1, -1);
    const prefixed = JS_PREFIXED.exec(inner);
    if (prefixed === null)
        return inner;
    const [, prefix, , name] = prefixed;
    if (prefix === undefined || !JS_SECTION_TYPES.includes(prefix))
        return undefined;
    return prefix === 'profile' && name === 'default' ? 'default' : `${prefix} ${name ?? ''}`;
}
function looseName(line) {
    const text = line.replace(new RegExp(`^${ANY_SPACE}+|${ANY_SPACE}+$`, 'gu'), '');
    const end = text.lastIndexOf(']');
    if (!text.startsWith('[') || end < 1)
        return undefined;
    return text
        .slice(1, end)
        .replace(/["']/g, '')
        .replace(new RegExp(`${ANY_SPACE}+`, 'gu'), ' ')
        .trim()
        .replace(/^profile /, '');
}
/** shlex's `whitespace`: only these split words (https://docs.python.org/3/library/shlex.html#shlex.shlex.whitespace). */
const SHLEX_WHITESPACE = ' \t\r\n';
/** Python's shlex.split (POSIX mode, no comments), or undefined where it raises ValueError. */
function shlexSplit(text) {
    const words = [];
    let word;
    let quote;
    for (let i = 0; i < text.length; i += 1) {
        const c = text[i];
        if (quote === "'") {
            if (c === "'")
                quote = undefined;
            else
                word = (word ?? '') + c;
        }
        else if (quote === '"') {
            if (c === '"')
                quote = undefined;
            else if (c === '\\' && ['"', '\\', '$', '`'].includes(text[i + 1] ?? ''))
                word = (word ?? '') + text[++i];
            else
                word = (word ?? '') + c;
        }
        else if (SHLEX_WHITESPACE.includes(c)) {
            if (word !== undefined)
                words.push(word);
            word = undefined;
        }
        else if (c === '"' || c === "'") {
            quote = c;
            word ??= '';
        }
        else if (c === '\\') {
            if (i + 1 >= text.length)
                return undefined;
            word = (word ?? '') + text[++i];
        }
        else
            word = (word ?? '') + c;
    }
    if (quote !== undefined)
        return undefined;
    if (word !== undefined)
        words.push(word);
    return words;
}
/** Finds the section with this header (`profile dev`, `default`, `dev`) among the lines. */
function profile_headers_locateSection(lines, header) {
    const name = header.replace(/^profile /, '');
    const hits = [];
    let agreed = true;
    lines.forEach((line, index) => {
        const reading = readHeaderLine(line);
        if (reading.botocore !== header && reading.js !== header && reading.loose !== name)
            return;
        hits.push(index);
        agreed &&= reading.botocore === header && reading.js === header;
    });
    if (hits.length === 0)
        return { kind: 'absent' };
    if (hits.length === 1 && agreed)
        return { kind: 'present', line: hits[0] };
    return { kind: 'ambiguous', lines: hits };
}
/** The error for an ambiguous section: names the file, the lines and the fix. */
function profile_headers_ambiguousSectionError(file, header, lines, at) {
    const found = at.map((i) => `line ${i + 1}: ${JSON.stringify(lines[i]?.trim())}`).join(', ');
    return new Error(`refusing to write [${header}] into ${file}: the file already spells that profile in a way the AWS CLI (botocore) and the AWS SDKs may read differently, or more than once (${found}). Leave exactly one plain "[${header}]" header for it (comments on a line of their own), or choose another profile name.`);
}
/** Whether the line starts a section for either reader (or would to a person reading it). */
function profile_headers_isHeaderLine(line) {
    const reading = readHeaderLine(line);
    return reading.botocore !== undefined || reading.js !== undefined || reading.loose !== undefined;
}

;// CONCATENATED MODULE: ./src/publish/profile-files.ts
/** Rendering and merging of AWS shared config/credentials files. Pure text in, text out. */


/** Renders sections as INI text; refuses values that could start a new line or section. */
function renderSections(sections) {
    return sections
        .map((section) => {
        const lines = Object.entries(section.entries).map(([key, value]) => {
            if (/[\r\n]/.test(value) || /[\r\n[\]]/.test(key))
                throw new Error(`refusing to write a line break into profile entry ${key}`);
            return `${key} = ${value}`;
        });
        if (/[\r\n[\]]/.test(section.header))
            throw new Error('refusing to write a malformed profile header');
        // Plain names only: the clients read such a header back as written (profile-headers.ts),
        // which is why no reading of it is compared here.
        if (!/^(?:profile )?[^\s"'[\]#;\\]+$/.test(section.header))
            throw new Error('refusing to write a profile header the AWS CLI and SDKs read differently');
        return `[${section.header}]\n${lines.join('\n')}\n`;
    })
        .join('\n');
}
/**
 * Merges new sections into existing file text: sections with the same header are replaced,
 * everything else (other profiles, comments, blank lines) is kept as it was. Throws when the
 * text spells one of the headers ambiguously (profile-headers.ts).
 */
function profile_files_mergeSections(existing, sections, file = 'the profile file') {
    const head = profile_files_removeSections(existing, sections.map((s) => s.header), file).replace(/\n+$/, '');
    const body = renderSections(sections);
    return head === '' ? body : `${head}\n\n${body}`;
}
/** Reads one section's entries from INI text (used by the tests). */
function readSection(text, header) {
    const lines = text.split(/\r?\n/);
    const place = locateSection(lines, header);
    if (place.kind !== 'present')
        return undefined;
    const found = {};
    for (const line of lines.slice(place.line + 1)) {
        if (isHeaderLine(line))
            break;
        const entry = /^\s*([^=#;\s][^=]*?)\s*=\s*(.*)$/.exec(line);
        if (entry)
            found[entry[1]] = entry[2].trim();
    }
    return found;
}
/**
 * The headers among `headers` that a file's text already has a section for. Throws when the
 * text spells one of them ambiguously, so no second section is ever added beside it.
 */
function profile_files_existingHeaders(text, headers, file = 'the profile file') {
    const lines = text.split(/\r?\n/);
    return headers.filter((header) => {
        const place = locateSection(lines, header.trim());
        if (place.kind === 'ambiguous')
            throw ambiguousSectionError(file, header, lines, place.lines);
        return place.kind === 'present';
    });
}
/**
 * Removes the sections with these headers (each from its header to the next header line, as
 * either reader sees one), keeping every other line, comments included, as it was. Throws when
 * the text spells one of them ambiguously: nothing is removed then.
 */
function profile_files_removeSections(text, headers, file = 'the profile file') {
    const lines = text.split(/\r?\n/);
    const starts = new Set();
    for (const header of headers) {
        const place = locateSection(lines, header.trim());
        if (place.kind === 'ambiguous')
            throw ambiguousSectionError(file, header, lines, place.lines);
        if (place.kind === 'present')
            starts.add(place.line);
    }
    const kept = [];
    let skipping = false;
    lines.forEach((line, index) => {
        if (isHeaderLine(line))
            skipping = starts.has(index);
        if (!skipping)
            kept.push(line);
    });
    const body = kept.join('\n').replace(/\n+$/, '');
    return body === '' ? '' : `${body}\n`;
}

;// CONCATENATED MODULE: ./src/publish/profile-store.ts









/**
 * A fresh name for the step's private directory under RUNNER_TEMP (never the workspace, whose
 * files can end up in artifacts or images). Chosen before anything is written, so the cleanup
 * state that names it can be saved first.
 */
function privateDirectoryName(runnerTemp) {
    return path.join(runnerTemp, `${PRIVATE_PREFIX}${randomBytes(6).toString('hex')}`);
}
/** How the step's private directory (and its temp files) are named; the post step relies on it. */
const PRIVATE_PREFIX = 'aws-deploy-role-';
/** Creates the private 0700 directory; fails if the name is taken rather than share it. */
async function createPrivateDirectory(directory) {
    await fs.mkdir(directory, { mode: 0o700 });
    await fs.chmod(directory, 0o700);
}
/** The home directory the AWS clients on this OS read (model/aws-home.ts), else the OS's. */
function homeDirectory(env, platform = process.platform) {
    return awsHomeDirectory(platform, env) ?? os.homedir();
}
/** Writes a file that holds secrets: 0600, created fresh (never through an existing file or link). */
async function writeSecretFile(file, text) {
    const handle = await external_node_fs_.promises.open(file, external_node_fs_.constants.O_WRONLY | external_node_fs_.constants.O_CREAT | external_node_fs_.constants.O_EXCL | external_node_fs_.constants.O_NOFOLLOW, 0o600);
    try {
        await handle.writeFile(text, 'utf8');
    }
    finally {
        await handle.close();
    }
}
/** A regular file's text; '' when it is missing, a link or anything else. */
async function readIfRegularFile(file) {
    try {
        const stat = await fs.lstat(file);
        if (!stat.isFile())
            return '';
        return await fs.readFile(file, 'utf8');
    }
    catch {
        return '';
    }
}
/**
 * Writes the planned config and credentials files, starting from the files that were in
 * effect (`mergeFrom`) so that profiles configured before this step keep working.
 */
async function writeProfileFiles(files, config, credentials) {
    await writeSecretFile(files.configFile, mergeSections(await readIfRegularFile(files.mergeFrom.config), config, files.mergeFrom.config));
    await writeSecretFile(files.credentialsFile, mergeSections(await readIfRegularFile(files.mergeFrom.credentials), credentials, files.mergeFrom.credentials));
}
/** Config-file section for a profile. */
function configSection(profile, entries) {
    return { header: configHeader(profile), entries };
}
/** For each file, the headers among `headers` it already has a section for. */
async function existingSections(wanted) {
    const found = [];
    for (const { file, headers } of wanted) {
        const present = existingHeaders(await readIfRegularFile(file), headers, file);
        if (present.length > 0)
            found.push({ file, headers: present });
    }
    return found;
}
/** Whether a path exists (as anything, a dangling link included). */
async function pathExists(file) {
    return fs.lstat(file).then(() => true, () => false);
}
/**
 * Merges sections into a user's file in place of it: refuses a link or a non-file (a write
 * through it would land elsewhere), writes a fresh 0600 file and renames it over the old one,
 * so the file is never half-written and never readable by others.
 */
async function mergeIntoUserFile(file, sections) {
    await refuseLinkedDirectory(path.dirname(file));
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    let existing = '';
    const stat = await fs.lstat(file).catch(() => undefined);
    if (stat !== undefined) {
        if (!stat.isFile())
            throw new Error(`refusing to write ${file}: it is not a regular file (a link?)`);
        existing = await fs.readFile(file, 'utf8');
    }
    await replaceUserFile(file, mergeSections(existing, sections, file));
}
/** Removes sections from a user's file; deletes the file when it is empty and `created` by us. */
async function removeFromUserFile(file, headers, created) {
    const stat = await fs.lstat(file).catch(() => undefined);
    if (stat === undefined || !stat.isFile())
        return;
    const text = removeSections(await fs.readFile(file, 'utf8'), headers, file);
    if (text.trim() === '' && created)
        await removeRetrying(file);
    else
        await replaceUserFile(file, text);
}
async function replaceUserFile(file, text) {
    await replaceSecretFile(file, text, `${file}.${PRIVATE_PREFIX}${process.pid}.tmp`);
}
/**
 * Atomically replaces a file with a 0600 one: writes `temp` fresh (writeSecretFile), renames it
 * over the file (retrying Windows' transient sharing errors: rename-replacing.ts), and never
 * leaves `temp` behind.
 */
async function replaceSecretFile(file, text, temp, port) {
    try {
        await writeSecretFile(temp, text);
        await renameReplacing(temp, file, port);
    }
    finally {
        await transient_file_errors_removeRetrying(temp);
    }
}

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

// EXTERNAL MODULE: ./src/model/errors.ts
var errors = __nccwpck_require__(7206);
;// CONCATENATED MODULE: ./src/config/input-names.ts
/**
 * Every input of action.yml, named once. Keys are camelCase for code; values are the
 * kebab-case names users write. A unit test keeps this table equal to action.yml.
 */
const input_names_INPUT = {
    awsRegion: 'aws-region',
    roleToAssume: 'role-to-assume',
    credentialSource: 'credential-source',
    awsAccessKeyId: 'aws-access-key-id',
    awsSecretAccessKey: 'aws-secret-access-key',
    awsSessionToken: 'aws-session-token',
    webIdentityTokenFile: 'web-identity-token-file',
    roleChaining: 'role-chaining',
    audience: 'audience',
    forceSkipOidc: 'force-skip-oidc',
    roleChain: 'role-chain',
    roleDurationSeconds: 'role-duration-seconds',
    roleExternalId: 'role-external-id',
    roleSessionName: 'role-session-name',
    roleSkipSessionTagging: 'role-skip-session-tagging',
    transitiveTagKeys: 'transitive-tag-keys',
    customTags: 'custom-tags',
    inlineSessionPolicy: 'inline-session-policy',
    managedSessionPolicies: 'managed-session-policies',
    sourceIdentity: 'source-identity',
    mfaSerialNumber: 'mfa-serial-number',
    mfaTokenCode: 'mfa-token-code',
    mfaTotpSecret: 'mfa-totp-secret',
    awsProfile: 'aws-profile',
    profiles: 'profiles',
    overwriteAwsProfile: 'overwrite-aws-profile',
    profileFilesLocation: 'profile-files-location',
    refreshCredentials: 'refresh-credentials',
    outputCredentials: 'output-credentials',
    outputEnvCredentials: 'output-env-credentials',
    unsetCurrentCredentials: 'unset-current-credentials',
    useExistingCredentials: 'use-existing-credentials',
    maskAwsAccountId: 'mask-aws-account-id',
    allowedAccountIds: 'allowed-account-ids',
    allowedEvents: 'allowed-events',
    allowedRefs: 'allowed-refs',
    allowedEnvironments: 'allowed-environments',
    sessionSummary: 'session-summary',
    stsEndpoint: 'sts-endpoint',
    httpProxy: 'http-proxy',
    noProxy: 'no-proxy',
    disableRetry: 'disable-retry',
    retryMaxAttempts: 'retry-max-attempts',
    attemptTimeoutS: 'attempt-timeout-s',
    actionTimeoutS: 'action-timeout-s',
    specialCharactersWorkaround: 'special-characters-workaround',
};
/** Every output of action.yml, named once. */
const OUTPUT = {
    accountId: 'aws-account-id',
    assumedRoleArn: 'aws-assumed-role-arn',
    expiration: 'aws-expiration',
    sessionChain: 'aws-session-chain',
    accessKeyId: 'aws-access-key-id',
    secretAccessKey: 'aws-secret-access-key',
    sessionToken: 'aws-session-token',
};
/** An input's name as messages show it: in backticks, as written in action.yml. */
const inputName = (key) => `\`${input_names_INPUT[key]}\``;

;// CONCATENATED MODULE: ./src/plan/guards.ts


/** Converts a ref glob to a RegExp: `*` matches within one path segment, `**` across segments. */
function refGlobToRegExp(glob) {
    const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    const pattern = escaped
        .split('**')
        .map((part) => part.replace(/\*/g, '[^/]*'))
        .join('.*');
    return new RegExp(`^${pattern}$`);
}
/**
 * Checks the rules that need no network: allowed events, refs, and the accounts of every role
 * given as a full ARN. Throws GuardRailError naming the rule; returns nothing on success.
 */
function checkGuardsBeforeNetwork(plan, ctx) {
    const { allowedEvents, allowedRefs, allowedAccountIds } = plan.guards;
    if (allowedEvents.length > 0 && !allowedEvents.includes(ctx.eventName)) {
        throw new GuardRailError(INPUT.allowedEvents, `this run was started by '${ctx.eventName || 'an unknown event'}', and only ${allowedEvents.join(', ')} may start a session.`);
    }
    if (allowedRefs.length > 0 && !allowedRefs.some((glob) => refGlobToRegExp(glob).test(ctx.ref))) {
        throw new GuardRailError(INPUT.allowedRefs, `this run is on '${ctx.ref || 'no ref'}', which matches none of ${allowedRefs.join(', ')}.`);
    }
    if (allowedAccountIds.length > 0) {
        for (const session of plan.sessions) {
            for (const hop of session.hops) {
                if (hop.role.kind === 'arn' && !allowedAccountIds.includes(hop.role.arn.accountId)) {
                    throw new GuardRailError(INPUT.allowedAccountIds, `${hop.origin} targets account ${hop.role.arn.accountId}, which is not in the allowed list. ` +
                        'Check the role ARN (a dev ARN in a prod job is the usual cause) or extend the list.');
                }
            }
        }
    }
}
/** Checks an account reached at run time (a bare role name, or stored keys used as they are). */
function checkAllowedAccount(plan, accountId, what) {
    const allowed = plan.guards.allowedAccountIds;
    if (allowed.length > 0 && !allowed.includes(accountId)) {
        throw new errors/* GuardRailError */.AF(input_names_INPUT.allowedAccountIds, `${what} is in account ${accountId}, which is not in the allowed list; nothing was exported.`);
    }
}
/** Checks the OIDC token's environment claim before any STS call. */
function checkEnvironmentClaim(plan, environment) {
    const allowed = plan.guards.allowedEnvironments;
    if (allowed.length === 0)
        return;
    if (environment === undefined || !allowed.includes(environment)) {
        throw new GuardRailError(INPUT.allowedEnvironments, environment === undefined
            ? `the OIDC token has no environment claim: the job does not run in a GitHub environment. Add \`environment: ${allowed[0]}\` to the job.`
            : `the OIDC token is for environment '${environment}', and only ${allowed.join(', ')} may start a session.`);
    }
    return;
}

;// CONCATENATED MODULE: ./src/execute/assume-hop.ts


/** Assumes one hop's role, retried; the credentials are masked before anything else runs. */
async function assumeHop(hop, roleArn, source, caller, deps) {
    const options = { timeoutMs: deps.attemptTimeoutMs, signal: deps.signal };
    const common = {
        roleArn,
        sessionName: hop.sessionName,
        durationSeconds: hop.durationSeconds,
        inlineSessionPolicy: hop.inlineSessionPolicy,
        managedSessionPolicies: hop.managedSessionPolicies,
    };
    const assumed = await deps.retry(`${hop.operation} ${roleArn}`, async (attempt, previousError) => {
        if (hop.operation === 'AssumeRoleWithWebIdentity') {
            if (source.kind !== 'web-identity')
                throw new Error('AssumeRoleWithWebIdentity needs a web identity source');
            // A retry after a token complaint gets a fresh token: the first may have expired meanwhile.
            const fresh = previousError instanceof errors/* StsCallError */.Do && /Token/.test(previousError.code);
            const webIdentityToken = await source.token(fresh);
            deps.debug(`${hop.operation} ${roleArn} session=${hop.sessionName} duration=${hop.durationSeconds} attempt=${attempt}`);
            return deps.gateway.assumeRoleWithWebIdentity({ ...common, webIdentityToken }, options);
        }
        const request = {
            ...common,
            externalId: hop.externalId,
            tags: hop.tags,
            transitiveTagKeys: hop.transitiveTagKeys,
            sourceIdentity: hop.sourceIdentity,
            mfa: hop.usesMfa ? deps.sendMfa(previousError) : undefined,
        };
        deps.debug(`${hop.operation} ${roleArn} session=${hop.sessionName} duration=${hop.durationSeconds} tags=${hop.tags.length} attempt=${attempt}`);
        if (caller === undefined)
            throw new Error('AssumeRole needs AWS credentials');
        return deps.gateway.assumeRole(request, caller, options);
    });
    // Mask first: nothing below may run before the runner knows these values are secret.
    maskCredentials(assumed.credentials, deps.mask);
    const parsed = parseAssumedRoleArn(assumed.assumedRoleArn);
    deps.maskAccount(parsed?.accountId);
    deps.maskAccount(accountOfArn(roleArn));
    return {
        credentials: assumed.credentials,
        result: {
            hop,
            roleArn,
            accountId: parsed?.accountId ?? accountOfArn(roleArn) ?? '',
            assumedRoleArn: assumed.assumedRoleArn,
            assumedRoleId: assumed.assumedRoleId,
            expiration: assumed.credentials.expiration,
            sourceIdentity: assumed.sourceIdentity ?? hop.sourceIdentity,
        },
    };
}
/** The shortest session GetSessionToken issues; it only has to outlive the first hops. */
const MFA_SESSION_SECONDS = 900;
/** A GetSessionToken session with the MFA code (sent once), masked on arrival. */
async function mfaSession(caller, deps, sendMfa) {
    const options = { timeoutMs: deps.attemptTimeoutMs, signal: deps.signal };
    const credentials = await deps.retry('GetSessionToken', async (_attempt, previousError) => {
        const mfa = sendMfa(previousError);
        if (mfa === undefined)
            throw new Error('GetSessionToken needs an MFA device');
        return deps.gateway.getSessionToken({ durationSeconds: MFA_SESSION_SECONDS, mfa }, caller, options);
    });
    maskCredentials(credentials, deps.mask);
    return credentials;
}
/** The identity of stored AWS credentials (GetCallerIdentity), retried. */
async function callerIdentity(source, deps) {
    if (source.kind !== 'aws')
        throw new Error('a web identity has no caller identity');
    const options = { timeoutMs: deps.attemptTimeoutMs, signal: deps.signal };
    return deps.retry('GetCallerIdentity', () => deps.gateway.getCallerIdentity(source.credentials, options));
}
/** Registers every part of a credential set as secret. */
function maskCredentials(credentials, mask) {
    mask(credentials.accessKeyId);
    mask(credentials.secretAccessKey);
    if (credentials.sessionToken)
        mask(credentials.sessionToken);
}

;// CONCATENATED MODULE: ./src/execute/walk-session.ts




/**
 * How often special-characters-workaround may re-issue credentials before giving up (42
 * sessions in all). A secret key is 40 characters of base64 (64 symbols, 2 of them `+` and
 * `/`), so one session is plain with probability p = (62/64)^40 ≈ 0.2808; n sessions all fail
 * with (1 - p)^n, which is below one in a million from n = ceil(ln 1e-6 / ln(1 - p)) =
 * ceil(41.9) = 42 on ((1 - p)^42 ≈ 9.7e-7). Expected sessions: 1/p ≈ 3.6; the loop stays bounded.
 */
const SPECIAL_CHARACTER_REISSUES = 41;
/** Walks one session's hops from the source credentials, each hop signed by the previous one. */
async function walkSession(recipe, source, deps) {
    if (recipe.hops.length === 0) {
        if (source.kind !== 'aws')
            throw new Error('a web identity cannot be used without a role');
        const identity = await deps.caller();
        checkAllowedAccount(recipe, identity.account, 'The stored keys');
        deps.info(`Stored keys belong to ${identity.arn}`);
        return {
            credentials: source.credentials,
            accountId: identity.account,
            arn: identity.arn,
            expiration: source.credentials.expiration,
            hops: [],
        };
    }
    const hops = [];
    let credentials = deps.firstHopCaller ?? (source.kind === 'aws' ? source.credentials : undefined);
    for (const hop of recipe.hops) {
        const previous = hops[hops.length - 1];
        const roleArn = await resolveHopRole(recipe.name, hop, previous, deps.caller, recipe.partition);
        try {
            checkAllowedAccount(recipe, accountOfArn(roleArn) ?? '', `${hop.origin} (${roleArn})`);
            const isLast = hop.number === hop.count;
            const assumed = await assumeWithWorkaround(recipe, hop, roleArn, source, credentials, deps, isLast);
            credentials = assumed.credentials;
            hops.push(assumed.result);
            deps.info(`Assumed ${roleArn} as ${assumed.result.assumedRoleArn} (hop ${hop.number}/${hop.count}), valid until ${assumed.result.expiration.toISOString()}`);
        }
        catch (error) {
            throw new errors/* HopError */.q$(recipe.name, hop.number, hop.count, roleArn, error);
        }
    }
    const last = hops[hops.length - 1];
    return {
        credentials: credentials,
        accountId: last.accountId,
        arn: last.assumedRoleArn,
        expiration: last.expiration,
        hops,
    };
}
/**
 * Obtains one recipe's session from a source of its own (the refresh helper's way in): no MFA,
 * nothing masked beyond what the calls mask themselves.
 */
async function obtainSession(recipe, source, deps) {
    const obtained = await source.obtain();
    if (obtained.kind === 'aws')
        maskCredentials(obtained.credentials, deps.mask);
    return walkSession(recipe, obtained, {
        ...deps,
        caller: memoize(() => callerIdentity(obtained, deps)),
        maskAccount: () => undefined,
        sendMfa: () => undefined,
        firstHopCaller: undefined,
    });
}
async function resolveHopRole(sessionName, hop, previous, caller, partition) {
    if (hop.role.kind === 'arn')
        return hop.role.arn.arn;
    // A bare name lives in the account of whoever assumes it: the previous hop, else the caller.
    if (previous !== undefined)
        return resolveRoleArn(hop.role, partition, previous.accountId).arn;
    try {
        const identity = await caller();
        const callerPartition = identity.arn.split(':')[1] ?? partition;
        return resolveRoleArn(hop.role, callerPartition, identity.account).arn;
    }
    catch (error) {
        throw new errors/* HopError */.q$(sessionName, hop.number, hop.count, describeRole(hop.role), error);
    }
}
async function assumeWithWorkaround(recipe, hop, roleArn, source, caller, deps, isLast) {
    const reissues = recipe.specialCharactersWorkaround && isLast ? SPECIAL_CHARACTER_REISSUES : 0;
    for (let issue = 0;; issue++) {
        const outcome = await assumeHop(hop, roleArn, source, caller, deps);
        if (reissues === 0 || /^[A-Za-z0-9]+$/.test(outcome.credentials.secretAccessKey))
            return outcome;
        if (issue >= reissues) {
            throw new errors/* StsCallError */.Do(hop.operation, 'SpecialCharactersWorkaroundExhausted', `special-characters-workaround: ${reissues + 1} sessions in a row had special characters in the secret key; ` +
                'turn the workaround off, or quote the secret in the tool that mishandles it', 200);
        }
        deps.debug(`Secret key has special characters; re-issuing (special-characters-workaround, ${issue + 1}/${reissues})`);
    }
}
/** Runs `make` once, on first use, and shares its promise. */
function memoize(make) {
    let promise;
    return () => (promise ??= make());
}

// EXTERNAL MODULE: ./src/aws/http-transport.ts
var http_transport = __nccwpck_require__(9817);
;// CONCATENATED MODULE: ./src/aws/sleep.ts
/** Waits ms milliseconds, or less if the signal aborts (so a timed-out run exits promptly). */
function abortableSleep(ms, signal) {
    return new Promise((resolve) => {
        if (signal?.aborted)
            return resolve();
        const timer = setTimeout(done, ms);
        function done() {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
    });
}
/**
 * Settles as `work` does, or rejects with `timedOut()` once `ms` milliseconds have passed,
 * whichever comes first. Nothing cancels `work`: callers that can stop it do so in `timedOut`.
 */
async function raceTimer(work, ms, timedOut) {
    let timer;
    const expiry = new Promise((_, reject) => {
        timer = setTimeout(() => reject(timedOut()), ms);
    });
    try {
        return await Promise.race([work, expiry]);
    }
    finally {
        clearTimeout(timer);
    }
}

;// CONCATENATED MODULE: ./src/refresh/token-transport.ts


/**
 * The refresh helper's exchange with the job's OIDC token endpoint, over @actions/http-client:
 * the client under @actions/core's getIDToken in the main step, so both token requests follow
 * the same proxy rules (exportProxySettings). core.getIDToken itself cannot serve here: it
 * prints `::add-mask::<token>` on stdout, which is the AWS client's JSON channel, and core does
 * not export its OIDC client. The client is loaded on a cache miss only.
 *
 * http-client retries 502/503/504 on its own when allowed; here it is not, so that the
 * helper's retrier classifies every failure (sources/oidc.ts isRetryableOidcError). It takes no
 * abort signal, so a request is bounded by its socket timeout and raced against the attempt's
 * time limit and the signal. It follows no redirect: a token endpoint has no reason to send
 * one, and the bearer token must not go elsewhere.
 */
function createTokenTransport(settings, env) {
    return async ({ method, url, headers, body, timeoutMs, signal }) => {
        if (signal?.aborted)
            throw new http_transport/* TransportError */.wX('aborted', 'Aborted');
        (0,http_transport/* exportProxySettings */.m_)(settings, env);
        const { HttpClient } = await __nccwpck_require__.e(/* import() */ 779).then(__nccwpck_require__.bind(__nccwpck_require__, 2779));
        const client = new HttpClient(headers['user-agent'], undefined, {
            allowRetries: false,
            allowRedirects: false,
            socketTimeout: timeoutMs,
        });
        let onAbort;
        const aborted = new Promise((_, reject) => {
            onAbort = () => reject(new http_transport/* TransportError */.wX('aborted', 'Aborted'));
            signal?.addEventListener('abort', onAbort, { once: true });
        });
        const exchange = async () => {
            const response = await client.request(method ?? 'POST', url.href, body === '' ? null : body, headers);
            return { status: response.message.statusCode ?? 0, body: await response.readBody() };
        };
        try {
            return await raceTimer(Promise.race([exchange(), aborted]), timeoutMs, () => new http_transport/* TransportError */.wX(`no response within ${timeoutMs / 1000} s`, 'TimeoutError'));
        }
        catch (error) {
            throw error instanceof http_transport/* TransportError */.wX ? error : networkError(error);
        }
        finally {
            if (onAbort !== undefined)
                signal?.removeEventListener('abort', onAbort);
            client.dispose();
        }
    };
}
/** A refused, reset or timed-out connection, as the retrier understands it. */
function networkError(error) {
    const { code, message } = (error ?? {});
    const text = typeof message === 'string' ? message : String(error);
    if (/^Request timeout/.test(text))
        return new http_transport/* TransportError */.wX(text, 'TimeoutError');
    return new http_transport/* TransportError */.wX(`${typeof code === 'string' ? code : 'network error'}: ${text}`, 'NetworkError');
}

;// CONCATENATED MODULE: ./src/publish/refresh-spec.ts
/**
 * Refresh this long before expiry. botocore refreshes credential_process credentials when they
 * have less than 15 minutes left (advisory) and must refresh with less than 10 (mandatory):
 * https://github.com/boto/botocore/blob/develop/botocore/credentials.py
 * (`_DEFAULT_ADVISORY_REFRESH_TIMEOUT`, `_DEFAULT_MANDATORY_REFRESH_TIMEOUT`). Serving
 * credentials inside that window makes every boto3 call start the helper again, so the helper
 * renews 15 minutes ahead.
 */
const REFRESH_MARGIN_SECONDS = 15 * 60;
/** botocore's mandatory refresh window: cached credentials are never served inside it. */
const MANDATORY_REFRESH_SECONDS = 10 * 60;
/**
 * The margin for a session of `sessionSeconds`: 15 minutes, except for sessions under 30
 * minutes, where it shrinks to half the session (never under 11 minutes, outside botocore's
 * mandatory window) so a fresh session is served from the cache at all.
 */
function refreshMarginSeconds(sessionSeconds) {
    if (sessionSeconds >= 2 * REFRESH_MARGIN_SECONDS)
        return REFRESH_MARGIN_SECONDS;
    return Math.max(MANDATORY_REFRESH_SECONDS + 60, Math.floor(sessionSeconds / 2));
}
/** The helper's temp files (`<cache>.<pid>.tmp`), which the post step removes with the cache. */
const REFRESH_TEMP_FILE = /^cache-.*\.json\.\d+\.tmp$/;
/**
 * The session the helper re-obtains: the profile's hops as main planned them. Guards are not
 * checked again (main checked them before writing the spec) and no re-issue is needed (the
 * credentials reach clients as JSON, never through a shell).
 */
function recipeFromSpec(spec) {
    return {
        name: spec.profile,
        partition: spec.partition,
        hops: spec.hops,
        guards: { allowedAccountIds: [] },
        specialCharactersWorkaround: false,
    };
}
/**
 * The spec of one profile's helper: the plan's source and network, the network choices main's
 * gateway made, and the profile's hops.
 */
function refreshSpecFor(plan, source, profile, hops, cacheFile, networkChoices) {
    return {
        version: 2,
        profile,
        region: plan.region,
        partition: plan.partition,
        source,
        network: plan.network,
        networkChoices,
        hops,
        cacheFile,
    };
}
/** The credential_process JSON format (version 1) that AWS CLIs and SDKs read. */
function credentialProcessJson(credentials) {
    return JSON.stringify({
        Version: 1,
        AccessKeyId: credentials.accessKeyId,
        SecretAccessKey: credentials.secretAccessKey,
        SessionToken: credentials.sessionToken,
        Expiration: credentials.expiration?.toISOString(),
    });
}
/** Reads cached credentials if they stay valid past the refresh margin. */
function usableCache(text, now, marginSeconds = REFRESH_MARGIN_SECONDS) {
    try {
        const parsed = JSON.parse(text);
        const expiration = new Date(String(parsed['Expiration']));
        const fields = [parsed['AccessKeyId'], parsed['SecretAccessKey'], parsed['SessionToken']];
        if (!fields.every((f) => typeof f === 'string' && f !== '') ||
            Number.isNaN(expiration.getTime()))
            return undefined;
        if (expiration.getTime() - now.getTime() < marginSeconds * 1000)
            return undefined;
        const [accessKeyId, secretAccessKey, sessionToken] = fields;
        return { accessKeyId, secretAccessKey, sessionToken, expiration };
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/aws/retry.ts

/** STS error codes that can succeed when the same request is sent again. */
const RETRYABLE_CODES = new Set([
    'Throttling',
    'ThrottlingException',
    'RequestLimitExceeded',
    'TooManyRequestsException',
    'IDPCommunicationError',
    'InternalFailure',
    'InternalError',
    'ServiceUnavailable',
    'RequestTimeout',
    'NetworkError',
    'TimeoutError',
]);
/**
 * True for failures a retry can fix: throttling, 5xx, network faults, and the IdP's keys not
 * being fetched yet, and one try after a clock correction. AccessDenied, validation errors,
 * malformed policies and TLS certificate errors (status 0, code TlsCertificateError) fail at once.
 */
function isRetryableStsError(error) {
    if (!(error instanceof errors/* StsCallError */.Do))
        return false;
    // The SDK moved its clock to the server's Date after a skew error; the gateway flags this
    // once per client, so a skewed runner gets exactly one more try, signed for the server's time.
    if (error.clockSkewCorrected)
        return true;
    // A 429 is throttling whatever its body (a WAF or proxy answers in HTML or JSON).
    if (error.status === 429)
        return true;
    if (RETRYABLE_CODES.has(error.code) || error.status >= 500)
        return true;
    // STS says this while it cannot yet fetch the provider's signing keys (JWKS); it clears up.
    return (error.code === 'InvalidIdentityToken' &&
        /retrieve verification key|JWKS|fetch/i.test(error.awsMessage));
}
/**
 * True when STS refused a web identity token as expired (ExpiredTokenException) or unverifiable
 * (InvalidIdentityToken "... could not be validated"). AWS documents both as "get a new identity
 * token from the identity provider and then retry the request":
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html#API_AssumeRoleWithWebIdentity_Errors
 */
function isStaleWebIdentityToken(error) {
    if (!(error instanceof errors/* StsCallError */.Do) || error.operation !== 'AssumeRoleWithWebIdentity')
        return false;
    if (error.code.replace(/Exception$/, '') === 'ExpiredToken')
        return true;
    return error.code === 'InvalidIdentityToken' && /could not be validated/i.test(error.awsMessage);
}
/**
 * True when DNS did not know STS's host for `unknownRegion`, a region the SDK's data does not
 * list (sts.REGION.amazonaws.com, sts-fips.REGION...): a misspelt region, which no retry mends.
 * For a listed region the same ENOTFOUND is a network fault (a DNS outage), and is retried.
 */
function isUnknownRegionHost(error, unknownRegion) {
    if (unknownRegion === undefined || !(error instanceof errors/* StsCallError */.Do))
        return false;
    return error.unresolvedHost?.toLowerCase().split('.').includes(unknownRegion) === true;
}
/**
 * The retry rule for a run whose source is `sourceKind`: transient STS failures, and for the
 * OIDC source also a stale token, since each retry fetches a fresh one (a token file re-read
 * would hold the same token, so that source fails at once). With `unknownRegion` (a region the
 * SDK does not list), its STS host not resolving is final.
 */
function retryableFor(sourceKind, unknownRegion) {
    const transient = (error) => isRetryableStsError(error) && !isUnknownRegionHost(error, unknownRegion);
    if (sourceKind !== 'oidc')
        return transient;
    return (error) => transient(error) || isStaleWebIdentityToken(error);
}
/** The wait before retry number `attempt` (1-based): capped exponential backoff with equal jitter. */
function backoffDelay(attempt, random, baseDelayMs = 200, maxDelayMs = 5_000) {
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
/** Runs `operation` until it succeeds, fails permanently, or runs out of attempts. */
async function withRetry(operation, options) {
    let previousError;
    for (let attempt = 1;; attempt++) {
        try {
            return await operation(attempt, previousError);
        }
        catch (error) {
            previousError = error;
            if (attempt >= options.maxAttempts || !options.isRetryable(error))
                throw error;
            const delay = backoffDelay(attempt, options.random, options.baseDelayMs, options.maxDelayMs);
            options.onRetry?.(error, attempt, delay);
            await options.sleep(delay);
        }
    }
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
function claimString(claims, name, lists = 'join') {
    const value = claims?.[name];
    if (typeof value === 'string')
        return value;
    return Array.isArray(value) && lists === 'join' ? value.join(',') : undefined;
}

;// CONCATENATED MODULE: ./src/sources/oidc.ts



/** What a refusal of the token endpoint means for the user. */
const ID_TOKEN_HELP = 'The job needs `permissions: id-token: write` (pull requests from forks never get it; use pull_request_target with care, or stored keys).';
/**
 * Fetches a GitHub OIDC token for an audience from the job's token endpoint over our own
 * transport. The refresh helper uses this one: core.getIDToken prints `::add-mask::` on stdout,
 * which is the AWS client's JSON channel there. The main step uses github-id-token.ts.
 */
async function fetchOidcToken(options) {
    const url = new URL(options.requestUrl);
    url.searchParams.set('audience', options.audience);
    const response = await options.transport({
        method: 'GET',
        url,
        headers: {
            authorization: `Bearer ${options.requestToken}`,
            accept: 'application/json',
            'user-agent': 'aws-deploy-role',
        },
        body: '',
        timeoutMs: options.timeoutMs,
        signal: options.signal,
    });
    if (response.status !== 200)
        throw oidcStatusError(response.status);
    let value;
    try {
        value = JSON.parse(response.body).value;
    }
    catch {
        throw new errors/* OidcTokenError */.HZ('The GitHub OIDC token endpoint answered with something that is not JSON; try re-running the job.');
    }
    if (typeof value !== 'string' || value === '') {
        throw new errors/* OidcTokenError */.HZ('The GitHub OIDC token endpoint answered without a token ("value" missing).');
    }
    options.mask(value);
    return value;
}
/**
 * What a token endpoint's answer other than 200 means for the user: a refusal or another 4xx
 * points at the job's `id-token: write`; a 5xx is the endpoint's own trouble (retried).
 */
function oidcStatusError(status) {
    if (status === 401 || status === 403)
        return new errors/* OidcTokenError */.HZ(`The GitHub OIDC token endpoint refused the request (HTTP ${status}). ${ID_TOKEN_HELP}`, status);
    if (status >= 500)
        return new errors/* OidcTokenError */.HZ(`The GitHub OIDC token endpoint answered HTTP ${status}.`, status);
    return new errors/* OidcTokenError */.HZ(`The GitHub OIDC token endpoint answered HTTP ${status}. ${ID_TOKEN_HELP}`, status);
}
/**
 * True for token-endpoint failures worth another attempt: 5xx, and an endpoint that could not be
 * reached or did not answer in time (not the run's own abort, nor a refusal).
 */
function isRetryableOidcError(error) {
    return ((error instanceof errors/* OidcTokenError */.HZ && ((error.status ?? 0) >= 500 || error.retryable)) ||
        (error instanceof http_transport/* TransportError */.wX && error.code !== 'Aborted'));
}
/** The GitHub OIDC source: AssumeRoleWithWebIdentity with a token for the configured audience. */
function oidcSource(options) {
    return {
        async obtain() {
            let current = await options.retry(options.fetchToken);
            const claims = decodeJwtClaims(current);
            const subject = claimString(claims, 'sub');
            return {
                kind: 'web-identity',
                claims,
                description: subject === undefined ? 'GitHub OIDC' : `GitHub OIDC (sub: ${subject})`,
                token: async (fresh) => {
                    if (fresh)
                        current = await options.retry(options.fetchToken);
                    return current;
                },
            };
        },
    };
}

;// CONCATENATED MODULE: ./src/sources/token-file.ts




/** Reads a web-identity token file, refusing symlinks (they could point at another secret). */
async function readTokenFile(path, mask) {
    let stat;
    try {
        stat = await external_node_fs_.promises.lstat(path);
    }
    catch {
        throw new errors/* InputError */.dz(input_names_INPUT.webIdentityTokenFile, `cannot read '${path}': no such file. Paths are relative to the workspace.`);
    }
    if (stat.isSymbolicLink())
        throw new errors/* InputError */.dz(input_names_INPUT.webIdentityTokenFile, `'${path}' is a symbolic link; give the real file`);
    if (!stat.isFile())
        throw new errors/* InputError */.dz(input_names_INPUT.webIdentityTokenFile, `'${path}' is not a regular file`);
    const token = (await external_node_fs_.promises.readFile(path, 'utf8')).trim();
    if (token === '')
        throw new errors/* InputError */.dz(input_names_INPUT.webIdentityTokenFile, `'${path}' is empty`);
    mask(token);
    return token;
}
/** The token-file source: AssumeRoleWithWebIdentity with the file's token, re-read when stale. */
function tokenFileSource(path, mask) {
    return {
        async obtain() {
            let current = await readTokenFile(path, mask);
            const claims = decodeJwtClaims(current);
            const subject = claimString(claims, 'sub');
            return {
                kind: 'web-identity',
                claims,
                description: `web identity token file ${path}${subject === undefined ? '' : ` (sub: ${subject})`}`,
                token: async (fresh) => {
                    if (fresh)
                        current = await readTokenFile(path, mask);
                    return current;
                },
            };
        },
    };
}

// EXTERNAL MODULE: ./src/aws/network-pin.ts + 1 modules
var network_pin = __nccwpck_require__(9682);
;// CONCATENATED MODULE: ./src/config/proxy-url.ts




/**
 * The secret parts of a URL value (http-proxy, a proxy variable, sts-endpoint), to mask before
 * the value is parsed or echoed: the password as written, decoded, and as the Basic credentials a
 * proxy client sends. A value that does not parse as an http(s) URL but has an '@' may hold
 * userinfo we cannot find, so all of it is masked; one without '@' carries no credentials.
 */
function proxySecrets(raw) {
    const url = parseHttpUrl(raw);
    if (url === undefined)
        return raw.includes('@') ? [raw] : [];
    if (url.password === '')
        return [];
    const password = safeDecode(url.password);
    const basic = Buffer.from(`${safeDecode(url.username)}:${password}`).toString('base64');
    return [url.password, password, basic];
}
/**
 * Refuses a proxy variable that names a proxy other than HTTP(S), such as socks5://: the STS
 * client's CONNECT agent (https-proxy-agent), @actions/http-client (the token request) and
 * @actions/github's undici ProxyAgent, which throws on one as the package loads, all speak only
 * HTTP CONNECT. A value without `scheme://` (`proxy:3128`) is left to them, as before. Throws
 * InputErrors under `http-proxy`, naming each variable and the fix, before any request.
 */
function checkProxyVariables(env) {
    const errors = PROXY_URL_VARIABLES.flatMap((variable) => {
        const value = (env[variable] ?? '').trim();
        const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value)?.[1]?.toLowerCase();
        if (scheme === undefined || scheme === 'http' || scheme === 'https')
            return [];
        return [
            new InputError(INPUT.httpProxy, `${variable} in the environment is '${redactUrl(value)}', a ${scheme} proxy; this action, the AWS SDK client it uses and @actions/http-client speak only HTTP proxies. Point ${variable} at an http:// or https:// proxy, or clear it for this step (env: ${variable}: '').`),
        ];
    });
    if (errors.length > 0)
        throw new InputErrors(errors);
}
/** The URL when the value is an http(s) URL. */
function parseHttpUrl(raw) {
    try {
        const url = new URL(raw);
        return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
    }
    catch {
        return undefined;
    }
}
function safeDecode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}

;// CONCATENATED MODULE: ./src/model/assumed-role-check.ts

/**
 * Why an assumed-role ARN STS returned is not a session of `roleArn`, or undefined when it is.
 * An assumed-role ARN is arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE-NAME/SESSION: it names
 * the role without its path (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns,
 * and https://github.com/hashicorp/terraform-provider-aws/issues/19957 for a pathed role), so
 * partition, account and name are compared. IAM names are unique regardless of case ("Names
 * are not distinguished by case": https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html),
 * so the name is compared that way.
 */
function assumedRoleMismatch(roleArn, assumedRoleArn) {
    const role = parseRoleRef(roleArn);
    if (typeof role === 'string' || role.kind !== 'arn')
        return `'${roleArn}' is not a role ARN`;
    const session = parseAssumedRoleArn(assumedRoleArn);
    if (session === undefined)
        return `'${assumedRoleArn}' is not an assumed-role ARN`;
    const { partition, accountId, name } = role.arn;
    if (session.partition !== partition)
        return `partition ${session.partition}, not ${partition}`;
    if (session.accountId !== accountId)
        return `account ${session.accountId}, not ${accountId}`;
    if (session.roleName.toLowerCase() !== name.toLowerCase())
        return `role ${session.roleName}, not ${name}`;
    return undefined;
}

;// CONCATENATED MODULE: ./src/model/secret-registry.ts
/**
 * Every secret value of the run. Registering one masks it with the runner at once; redact()
 * scrubs any text we write ourselves (error messages, the step summary), which the runner's
 * masking does not always reach.
 */
class SecretRegistry {
    maskWithRunner;
    values = new Set();
    constructor(maskWithRunner) {
        this.maskWithRunner = maskWithRunner;
    }
    /**
     * Masks a secret whatever its length (only the empty string is ignored): a value the user gave
     * as a secret must never print, and STS accepts external IDs of 2 characters
     * (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html). Its URL-encoded
     * forms are masked too, since an endpoint or proxy may echo the form-encoded request body.
     */
    add = (value) => {
        if (value === undefined || value === '')
            return;
        encodedForms(value).forEach(this.register);
    };
    /**
     * Masks a value that only may be a secret (e.g. a word after a mistyped key in a role-chain
     * line). Values under 4 characters are skipped: masking a guess like `1` or `on` would garble
     * every log line, while a real secret reaches add() through its own input.
     */
    addCandidate = (value) => {
        if (value === undefined || value.length < MIN_CANDIDATE_LENGTH)
            return;
        this.add(value);
    };
    /** Replaces every registered secret (and its URL-encoded forms) in a text with ***. */
    redact(text) {
        let out = text;
        for (const value of [...this.values].sort((a, b) => b.length - a.length))
            out = out.split(value).join('***');
        return out;
    }
    register = (value) => {
        if (this.values.has(value))
            return;
        this.values.add(value);
        this.maskWithRunner(value);
    };
}
const MIN_CANDIDATE_LENGTH = 4;
/**
 * A value and the ways a request may carry it: encodeURIComponent, the AWS SDK's query encoding
 * (which also escapes !'()*), and form encoding (URLSearchParams: spaces as '+').
 */
function encodedForms(value) {
    const component = encodeURIComponent(value);
    const extended = component.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const form = new URLSearchParams({ v: value }).toString().slice(2);
    const forms = [value, component, extended, form, component.replace(/%20/g, '+')];
    return [...new Set(forms)];
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

;// CONCATENATED MODULE: ./src/refresh/refresh-checks.ts







/** A refreshed session that is not the spec's: nothing of it is cached or printed. */
class RefreshRefusedError extends Error {
    constructor(message) {
        super(message);
        this.name = 'RefreshRefusedError';
    }
}
/**
 * Refuses a session whose hops are not the spec's roles in the spec's accounts (an endpoint
 * that is LocalStack or MinIO, or another account's STS, answering for another role). This
 * catches a mix-up, not a hostile endpoint, which can answer with any ARN: pinning the endpoint
 * (network-pin.ts) is what keeps the token from one.
 */
function checkRefreshedSession(spec, pin, session) {
    for (const hop of session.hops) {
        const mismatch = assumedRoleMismatch(hop.roleArn, hop.assumedRoleArn);
        if (mismatch === undefined)
            continue;
        throw new RefreshRefusedError(`refused the credentials for ${hop.roleArn} (hop ${hop.hop.number} of ${hop.hop.count}): ` +
            `the STS at ${(0,network_pin/* describePinnedEndpoint */.r6)(pin, spec.region)} answered with a session of ` +
            `${hop.assumedRoleArn} (${mismatch}); nothing was cached. ` +
            'Check that this endpoint is the STS the main step used.');
    }
}
/**
 * Every secret the helper can meet, for scrubbing its stderr (which AWS clients copy into the
 * job log, where nothing masks the helper's own values): the runner's request token, external
 * IDs, proxy and endpoint passwords; tokens and credentials are added as they arrive.
 */
function helperSecrets(spec, pin, env) {
    const secrets = new SecretRegistry(() => undefined);
    secrets.add(env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']);
    spec.hops.forEach((hop) => secrets.add(hop.externalId));
    Object.values(pin.proxyEnv).forEach((value) => proxySecrets(value).forEach(secrets.add));
    if (pin.endpoint !== 'sdk-default')
        proxySecrets(pin.endpoint.url).forEach(secrets.add);
    return secrets;
}
/** What failed in an attempt, short: an STS code, an HTTP status, a transport fault. */
function attemptFailure(error) {
    if (error instanceof errors/* StsCallError */.Do)
        return error.status > 0 ? `${error.code} (HTTP ${error.status})` : error.code;
    if (error instanceof errors/* OidcTokenError */.HZ)
        return error.status === undefined ? error.message : `HTTP ${error.status}`;
    if (error instanceof http_transport/* TransportError */.wX)
        return error.code;
    return (0,errors/* messageOf */.bD)(error);
}
/**
 * One stderr line of the helper, scrubbed of every known secret. AWS clients show the helper's
 * stderr (the AWS CLI and boto3 when it fails, the JS SDK in its error), so each line says who
 * speaks and for which profile.
 */
function helperLine(secrets, profile, text) {
    const line = `aws-deploy-role (profile '${profile}'): ${text}`;
    // Text from STS (error messages, an assumed-role ARN) must not become a workflow command when a
    // client shows this line in a step's log.
    return logSafeLine(secrets.redact(line.replace(/\s*[\r\n]+\s*/g, ' ').trim()));
}

;// CONCATENATED MODULE: ./src/refresh/credential-process.ts












const oneLine = (text) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
const toStderr = (line) => void process.stderr.write(`${line}\n`);
/**
 * The credential_process helper: prints fresh credentials for one profile in the JSON format
 * AWS clients read, re-running the profile's chain from a new OIDC token when the cache is
 * about to expire. stdout carries only that JSON; every message goes to stderr, one line each
 * (a retry, a refusal, a failure), with no secret in it.
 */
async function refreshCredentials(specFile, 
/**
 * The process environment: the network overrides of the step that runs the helper are
 * removed from it and main's proxy variables put back (the SDK and http-client read it).
 */
env, now, log = toStderr) {
    const spec = JSON.parse(await external_node_fs_.promises.readFile(specFile, 'utf8'));
    const cached = await external_node_fs_.promises.readFile(spec.cacheFile, 'utf8').catch(() => '');
    const sessionSeconds = spec.hops[spec.hops.length - 1]?.durationSeconds ?? 3600;
    const usable = usableCache(cached, now(), refreshMarginSeconds(sessionSeconds));
    if (usable !== undefined)
        return credentialProcessJson(usable);
    if (spec.source.kind === 'oidc' &&
        !(env['ACTIONS_ID_TOKEN_REQUEST_URL'] && env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'])) {
        throw new Error("aws-deploy-role: cannot refresh: the job's OIDC token endpoint is gone (ACTIONS_ID_TOKEN_REQUEST_URL is not set in this step). " +
            'Refresh works only inside the job that configured it, in steps that keep `id-token: write`.');
    }
    // Main's choices, never this step's: a later step's AWS_ENDPOINT_URL (LocalStack, MinIO) or
    // proxy variables must not receive the deploy role's OIDC token. A version-1 spec did not
    // record them: its inputs stand, and the SDK default stands for the rest.
    const pin = spec.networkChoices ?? (0,network_pin/* pinFromInputs */.Fc)(spec.network.stsEndpoint, spec.network);
    (0,network_pin/* pinEnvironment */.LV)(env, pin);
    const secrets = helperSecrets(spec, pin, env);
    const say = (text) => log(helperLine(secrets, spec.profile, text));
    try {
        return await refreshWithin(spec, pin, env, now, secrets, say);
    }
    catch (error) {
        say(`refresh failed: ${(0,errors/* messageOf */.bD)(error).replace(/^aws-deploy-role: /, '')}`);
        throw new ReportedError();
    }
}
/** A failure already reported on stderr: main() adds nothing. */
class ReportedError extends Error {
}
async function refreshWithin(spec, pin, env, now, secrets, say) {
    // The pinned variables already hold main's proxy settings: nothing is put there again.
    const proxy = { httpProxy: undefined, noProxy: [] };
    const transport = createTokenTransport(proxy, env);
    const retrier = (isRetryable) => (label, operation) => withRetry(operation, {
        maxAttempts: spec.network.maxAttempts,
        isRetryable,
        sleep: (ms) => abortableSleep(ms),
        random: Math.random,
        onRetry: (error, attempt, delay) => say(`${label}: ${attemptFailure(error)}; retry ${attempt} of ${spec.network.maxAttempts - 1} in ${delay} ms`),
    });
    // The same gateway as the main step (the only user of the AWS SDK), loaded on a cache miss only.
    const { createSdkStsGateway } = await Promise.all(/* import() */[__nccwpck_require__.e(695), __nccwpck_require__.e(566)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7566));
    const gateway = createSdkStsGateway({
        region: spec.region,
        endpoint: undefined,
        pinned: pin,
        ...proxy,
        attemptTimeoutMs: spec.network.attemptTimeoutMs,
        env,
    });
    const noop = () => undefined;
    const session = await obtainSession(recipeFromSpec(spec), webIdentitySource(spec, env, transport, secrets, retrier(isRetryableOidcError)), {
        gateway,
        mask: secrets.add,
        retry: retrier(retryableFor(spec.source.kind)),
        info: noop,
        debug: noop,
        now,
        attemptTimeoutMs: spec.network.attemptTimeoutMs,
        signal: undefined,
    }).finally(() => gateway.destroy());
    checkRefreshedSession(spec, pin, session);
    const json = credentialProcessJson(session.credentials);
    await saveToCache(spec.cacheFile, json, (message) => say(message.replace(/^aws-deploy-role: /, '')));
    return json;
}
/**
 * Saves fresh credentials to the cache, best-effort: the credentials are already obtained and
 * valid, so a cache that cannot be written (a Windows sharing violation that outlasted the
 * retries, a full disk) costs only a refresh on the next call, and is reported on stderr (the
 * error names the file, never its content) instead of failing the client.
 */
async function saveToCache(cacheFile, json, warn, replace = replaceSecretFile) {
    try {
        // Named so the post step recognises a leftover (REFRESH_TEMP_FILE) and removes it too.
        await replace(cacheFile, json, `${cacheFile}.${process.pid}.tmp`);
    }
    catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        warn(`aws-deploy-role: could not update the credentials cache ${cacheFile} (${reason}); the fresh credentials are used, and the next call refreshes again.`);
    }
}
/**
 * The refresh source: only the web-identity kinds can refresh, so the helper bundle leaves the
 * AWS SDK's default chain out. Tokens are registered for scrubbing stderr, never masked with
 * the runner: stdout is the JSON channel, and no workflow command may be printed on it.
 */
function webIdentitySource(spec, env, transport, secrets, retry) {
    if (spec.source.kind === 'web-identity-token-file')
        return tokenFileSource(spec.source.path, secrets.add);
    const audience = spec.source.audience;
    return oidcSource({
        // @actions/http-client, not core.getIDToken: that one prints ::add-mask:: on stdout.
        fetchToken: () => fetchOidcToken({
            requestUrl: env['ACTIONS_ID_TOKEN_REQUEST_URL'] ?? '',
            requestToken: env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'] ?? '',
            audience,
            transport,
            timeoutMs: spec.network.attemptTimeoutMs,
            signal: undefined,
            mask: secrets.add,
        }),
        retry: (operation) => retry('OIDC token request', operation),
    });
}
/** Entry: `node credential-process/index.js SPEC_FILE`. */
async function main(argv) {
    const specFile = argv[0];
    if (specFile === undefined) {
        process.stderr.write('usage: credential-process SPEC_FILE\n');
        return 2;
    }
    try {
        process.stdout.write(`${await refreshCredentials(specFile, process.env, () => new Date())}\n`);
        return 0;
    }
    catch (error) {
        if (!(error instanceof ReportedError))
            toStderr(oneLine((0,errors/* messageOf */.bD)(error)));
        return 1;
    }
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

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

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 9783:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ getProxyUrl)
/* harmony export */ });
/* unused harmony export checkBypass */
function getProxyUrl(reqUrl) {
    const usingSsl = reqUrl.protocol === 'https:';
    if (checkBypass(reqUrl)) {
        return undefined;
    }
    const proxyVar = (() => {
        if (usingSsl) {
            return process.env['https_proxy'] || process.env['HTTPS_PROXY'];
        }
        else {
            return process.env['http_proxy'] || process.env['HTTP_PROXY'];
        }
    })();
    if (proxyVar) {
        try {
            return new DecodedURL(proxyVar);
        }
        catch (_a) {
            if (!proxyVar.startsWith('http://') && !proxyVar.startsWith('https://'))
                return new DecodedURL(`http://${proxyVar}`);
        }
    }
    else {
        return undefined;
    }
}
function checkBypass(reqUrl) {
    if (!reqUrl.hostname) {
        return false;
    }
    const reqHost = reqUrl.hostname;
    if (isLoopbackAddress(reqHost)) {
        return true;
    }
    const noProxy = process.env['no_proxy'] || process.env['NO_PROXY'] || '';
    if (!noProxy) {
        return false;
    }
    // Determine the request port
    let reqPort;
    if (reqUrl.port) {
        reqPort = Number(reqUrl.port);
    }
    else if (reqUrl.protocol === 'http:') {
        reqPort = 80;
    }
    else if (reqUrl.protocol === 'https:') {
        reqPort = 443;
    }
    // Format the request hostname and hostname with port
    const upperReqHosts = [reqUrl.hostname.toUpperCase()];
    if (typeof reqPort === 'number') {
        upperReqHosts.push(`${upperReqHosts[0]}:${reqPort}`);
    }
    // Compare request host against noproxy
    for (const upperNoProxyItem of noProxy
        .split(',')
        .map(x => x.trim().toUpperCase())
        .filter(x => x)) {
        if (upperNoProxyItem === '*' ||
            upperReqHosts.some(x => x === upperNoProxyItem ||
                x.endsWith(`.${upperNoProxyItem}`) ||
                (upperNoProxyItem.startsWith('.') &&
                    x.endsWith(`${upperNoProxyItem}`)))) {
            return true;
        }
    }
    return false;
}
function isLoopbackAddress(host) {
    const hostLower = host.toLowerCase();
    return (hostLower === 'localhost' ||
        hostLower.startsWith('127.') ||
        hostLower.startsWith('[::1]') ||
        hostLower.startsWith('[0:0:0:0:0:0:0:1]'));
}
class DecodedURL extends URL {
    constructor(url, base) {
        super(url, base);
        this._decodedUsername = decodeURIComponent(super.username);
        this._decodedPassword = decodeURIComponent(super.password);
    }
    get username() {
        return this._decodedUsername;
    }
    get password() {
        return this._decodedPassword;
    }
}
//# sourceMappingURL=proxy.js.map

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
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
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
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(3219);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
