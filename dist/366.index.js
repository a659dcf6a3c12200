export const id = 366;
export const ids = [366];
export const modules = {

/***/ 7366:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createSdkStsGateway: () => (/* binding */ createSdkStsGateway)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-cjs/index.js
var dist_cjs = __webpack_require__(1695);
// EXTERNAL MODULE: ./src/model/errors.ts
var errors = __webpack_require__(7206);
// EXTERNAL MODULE: ./node_modules/@smithy/node-http-handler/dist-cjs/index.js
var node_http_handler_dist_cjs = __webpack_require__(1279);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: ./src/aws/http-transport.ts
var http_transport = __webpack_require__(9817);
;// CONCATENATED MODULE: ./src/aws/proxy-routing-handler.ts




/**
 * The request handler: one NodeHttpHandler per proxy choice, chosen per request from the
 * resolved endpoint's URL (the SDK resolves it after our settings are fixed) by proxyFor, which
 * is @actions/http-client's own rule. As with http-client's tunnel agents, both HTTPS and plain
 * HTTP go through the proxy as a CONNECT tunnel that carries the proxy URL's credentials
 * (Proxy-Authorization), so a proxy that asks for them answers neither with a 407.
 */
class ProxyRoutingHandler {
    timeoutMs;
    handlers = new Map();
    metadata = { handlerProtocol: 'http/1.1' };
    /** Puts the http-proxy and no-proxy inputs where http-client (and proxyFor) reads them. */
    constructor(settings, env, timeoutMs) {
        this.timeoutMs = timeoutMs;
        (0,http_transport/* exportProxySettings */.m_)(settings, env);
    }
    async handle(request, options) {
        const url = new URL(`${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}`);
        return (await this.handlerFor((0,http_transport/* proxyFor */.iJ)(url))).handle(request, options);
    }
    handlerFor(proxy) {
        const key = proxy?.href ?? '';
        let handler = this.handlers.get(key);
        if (handler === undefined) {
            handler = this.createHandler(proxy);
            this.handlers.set(key, handler);
        }
        return handler;
    }
    async createHandler(proxy) {
        const agentOptions = { keepAlive: true, maxSockets: 50 };
        // Only a proxied run loads the CONNECT agent.
        const agent = proxy === undefined
            ? undefined
            : new (await __webpack_require__.e(/* import() */ 669).then(__webpack_require__.t.bind(__webpack_require__, 3669, 23))).HttpsProxyAgent(proxy, agentOptions);
        return new node_http_handler_dist_cjs.NodeHttpHandler({
            requestTimeout: this.timeoutMs,
            connectionTimeout: this.timeoutMs,
            httpsAgent: agent ?? new external_node_https_.Agent(agentOptions),
            httpAgent: agent ?? new external_node_http_.Agent(agentOptions),
        });
    }
    updateHttpClientConfig() {
        // Timeouts are fixed per run; nothing updates them.
    }
    httpHandlerConfigs() {
        return {};
    }
    destroy() {
        this.handlers.forEach((handler) => void handler.then((h) => h.destroy()));
    }
}

// EXTERNAL MODULE: ./src/model/proxy-variables.ts
var proxy_variables = __webpack_require__(3161);
;// CONCATENATED MODULE: ./src/aws/network-pin.ts


/** The variables @actions/http-client reads for its proxy and its exceptions. */
const PROXY_VARIABLES = [...proxy_variables/* PROXY_URL_VARIABLES */.d, ...proxy_variables/* NO_PROXY_VARIABLES */.F];
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
    exportProxySettings(proxy, proxyEnv);
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

;// CONCATENATED MODULE: ./src/aws/sts-endpoint.ts
/**
 * The STS endpoint to use instead of the SDK's default, if any: the `sts-endpoint` input, else
 * AWS_ENDPOINT_URL_STS, else AWS_ENDPOINT_URL (the SDK's own order for variables, read from
 * @smithy/core's getEndpointUrlConfig). An `endpoint_url` or a `services` section in a shared
 * config file never counts: on a self-hosted runner an earlier job may have planted one, and it
 * would receive the OIDC token (issue 17). The client is built with the SDK's
 * `ignoreConfiguredEndpointUrls` on, which turns off the files and the variables alike, so the
 * variables are read here. AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true keeps its documented meaning
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html): variables ignored.
 */
function chooseStsEndpoint(input, env) {
    if (input !== undefined)
        return { url: input, from: 'sts-endpoint' };
    if ((env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'] ?? '').trim().toLowerCase() === 'true')
        return undefined;
    for (const from of ['AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL']) {
        const url = (env[from] ?? '').trim();
        if (url !== '')
            return { url, from };
    }
    return undefined;
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
;// CONCATENATED MODULE: ./src/aws/cleartext-endpoint.ts

/**
 * The warning for a chosen STS endpoint reached over plain HTTP, or undefined. Over http:// the
 * GitHub OIDC token (the credential of AssumeRoleWithWebIdentity), the signed requests and the
 * credentials STS returns all cross the network in cleartext. A loopback host (localhost,
 * 127.0.0.0/8, [::1], as @actions/http-client counts them) gets none: that traffic never leaves
 * the machine, which is where an emulator such as moto or LocalStack runs. Names the origin only.
 */
function cleartextEndpointWarning(chosen) {
    if (chosen === undefined)
        return undefined;
    let url;
    try {
        url = new URL(chosen.url);
    }
    catch {
        return undefined;
    }
    if (url.protocol !== 'http:' || isLoopbackHost(url.hostname))
        return undefined;
    return `The STS endpoint ${url.origin} (from ${chosen.from}) is plain HTTP: the GitHub OIDC token, the signed requests and the credentials STS returns cross the network unencrypted. Use an https:// endpoint unless it is an emulator on this machine.`;
}
function isLoopbackHost(hostname) {
    const host = hostname.toLowerCase();
    // 127.0.0.0/8 only as a dotted IPv4 address: a name such as 127.evil.example is not loopback.
    return host === 'localhost' || ((0,external_node_net_.isIPv4)(host) && host.startsWith('127.')) || host === '[::1]';
}

;// CONCATENATED MODULE: ./src/aws/sts-errors.ts

/** Node's codes for a TLS certificate the runner does not trust (wrong CA, self-signed, expired). */
const TLS_CERTIFICATE_CODES = new Set([
    'SELF_SIGNED_CERT_IN_CHAIN',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'CERT_HAS_EXPIRED',
    'CERT_NOT_YET_VALID',
    'CERT_UNTRUSTED',
    'CERT_REJECTED',
    'ERR_TLS_CERT_ALTNAME_INVALID',
]);
/**
 * Converts whatever the SDK threw into an StsCallError whose code and status carry today's
 * retry classification (retry.ts): 429 is throttling whatever its body, a TLS certificate
 * failure is final and says how to trust the CA, network faults are "NetworkError".
 */
function toStsCallError(thrown, operation, endpoint) {
    if (thrown instanceof errors/* StsCallError */.Do)
        return thrown;
    const error = (typeof thrown === 'object' && thrown !== null ? thrown : {});
    const name = typeof error.Code === 'string' && error.Code !== ''
        ? error.Code
        : typeof error.name === 'string'
            ? error.name
            : 'Error';
    const message = typeof error.message === 'string' ? error.message : String(thrown);
    const code = typeof error.code === 'string' ? error.code : undefined;
    const where = endpoint === '' ? '' : ` (endpoint ${endpoint})`;
    const status = error.$metadata?.httpStatusCode ?? error.$response?.statusCode ?? 0;
    if (code !== undefined && TLS_CERTIFICATE_CODES.has(code))
        return new errors/* StsCallError */.Do(operation, 'TlsCertificateError', `${code}: ${message}${where}. The runner does not trust the certificate it was shown: a TLS-inspecting ` +
            'proxy (http-proxy, HTTPS_PROXY) or a private endpoint signs with its own CA. Give Node that CA with ' +
            'NODE_EXTRA_CA_CERTS=/path/to/ca.pem, or fix the proxy; this is not retried.', 0);
    if (status === 429)
        return new errors/* StsCallError */.Do(operation, isKnownCode(name) ? name : 'Throttling', firstLine(message), 429);
    if (error.$fault !== undefined && status > 0)
        return new errors/* StsCallError */.Do(operation, name, firstLine(message), status, {
            clockSkewCorrected: error.$metadata?.clockSkewCorrected === true,
        });
    if (status >= 200 && status < 300)
        return malformedResponse(operation, `the response could not be read: ${firstLine(message)}`);
    if (status > 0)
        return new errors/* StsCallError */.Do(operation, status >= 500 ? 'ServiceUnavailable' : `HTTP${status}`, `HTTP ${status}${where}: ${firstLine(message)}`, status);
    if (name === 'TimeoutError' || code === 'ETIMEDOUT')
        return new errors/* StsCallError */.Do(operation, 'TimeoutError', `no response in time${where}`, 0);
    if (name === 'AbortError')
        return new errors/* StsCallError */.Do(operation, 'Aborted', `aborted${where}`, 0);
    const unresolved = code === 'ENOTFOUND' && typeof error.hostname === 'string' ? error.hostname : undefined;
    return new errors/* StsCallError */.Do(operation, 'NetworkError', `${code ?? name}: ${firstLine(message)}${where}`, 0, unresolved === undefined ? {} : { unresolvedHost: unresolved });
}
function isKnownCode(name) {
    return !/^(Unknown|Error|SyntaxError|TypeError)/.test(name);
}
function firstLine(text) {
    return text.split('\n')[0] ?? '';
}
/** An StsCallError for a 200 answer the action cannot use (no credentials, a bad time, no XML). */
function malformedResponse(operation, problem) {
    return new errors/* StsCallError */.Do(operation, 'MalformedResponse', problem, 200);
}

;// CONCATENATED MODULE: ./src/aws/sts-mapping.ts

/*
 * Request and response mapping between the gateway's camelCase domain types and the SDK's
 * PascalCase shapes. Types only from the SDK: the client itself loads in sts-client.ts.
 */
/** The SDK input for AssumeRole: camelCase request in, PascalCase SDK shape out. */
function toAssumeRoleInput(request) {
    return {
        RoleArn: request.roleArn,
        RoleSessionName: request.sessionName,
        DurationSeconds: request.durationSeconds,
        ExternalId: request.externalId,
        SourceIdentity: request.sourceIdentity,
        SerialNumber: request.mfa?.serialNumber,
        TokenCode: request.mfa?.tokenCode,
        Tags: request.tags?.length
            ? request.tags.map((t) => ({ Key: t.key, Value: t.value }))
            : undefined,
        TransitiveTagKeys: request.transitiveTagKeys?.length
            ? [...request.transitiveTagKeys]
            : undefined,
        ...policyInput(request),
    };
}
/** The SDK input for AssumeRoleWithWebIdentity (STS takes no tags, source identity or MFA here). */
function toWebIdentityInput(request) {
    return {
        RoleArn: request.roleArn,
        RoleSessionName: request.sessionName,
        DurationSeconds: request.durationSeconds,
        WebIdentityToken: request.webIdentityToken,
        ...policyInput(request),
    };
}
/** The session policies, inline and managed, as both assume-role inputs take them. */
function policyInput(request) {
    return {
        ...(request.inlineSessionPolicy === undefined ? {} : { Policy: request.inlineSessionPolicy }),
        ...(request.managedSessionPolicies?.length
            ? { PolicyArns: request.managedSessionPolicies.map((arn) => ({ arn })) }
            : {}),
    };
}
/**
 * Converts and validates what the action reads from an assume-role answer. The SDK parses
 * the XML, but a proxy or a broken endpoint can still answer 200 without credentials or with
 * an Expiration that is no time: that is a clear error naming the operation, never a crash later.
 */
function fromAssumeOutput(output, operation) {
    const credentials = fromCredentials(output.Credentials, operation);
    const user = output.AssumedRoleUser;
    if (!user?.Arn || !user.AssumedRoleId)
        throw malformedResponse(operation, 'the response had no AssumedRoleUser Arn and AssumedRoleId');
    return {
        credentials,
        assumedRoleArn: user.Arn,
        assumedRoleId: user.AssumedRoleId,
        sourceIdentity: output.SourceIdentity,
        packedPolicySize: output.PackedPolicySize,
        subjectFromWebIdentityToken: output.SubjectFromWebIdentityToken,
    };
}
/** Converts and validates STS Credentials (all four fields, Expiration a valid time). */
function fromCredentials(credentials, operation) {
    const missing = ['AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration'].filter((field) => !credentials?.[field]);
    if (credentials === undefined || missing.length > 0)
        throw malformedResponse(operation, `the response's Credentials had no ${missing.join(', ')}`);
    // https://docs.aws.amazon.com/STS/latest/APIReference/API_Credentials.html: 16-128 word
    // characters. Anything else (an undecodable character reference, markup) is no key.
    if (!/^\w{16,128}$/.test((credentials.AccessKeyId ?? '').trim()))
        throw malformedResponse(operation, "the response's Credentials AccessKeyId is not an access key ID");
    const expiration = credentials.Expiration;
    if (!(expiration instanceof Date) || Number.isNaN(expiration.getTime()))
        throw malformedResponse(operation, "the response's Credentials Expiration is not a valid time");
    return {
        // Trimmed: an XML body wrapped for display (as AWS's documentation samples are) adds spaces.
        accessKeyId: (credentials.AccessKeyId ?? '').trim(),
        secretAccessKey: (credentials.SecretAccessKey ?? '').trim(),
        sessionToken: (credentials.SessionToken ?? '').trim(),
        expiration,
    };
}
/** The SDK input for GetSessionToken: the duration, and the MFA device and code when given. */
function toSessionTokenInput(request) {
    return {
        DurationSeconds: request.durationSeconds,
        SerialNumber: request.mfa?.serialNumber,
        TokenCode: request.mfa?.tokenCode,
    };
}
/** The caller's identity from a GetCallerIdentity answer, all three fields present. */
function fromCallerIdentityOutput(output) {
    if (!output.Account || !output.Arn || !output.UserId)
        throw malformedResponse('GetCallerIdentity', 'the response had no Account, Arn or UserId');
    return { account: output.Account, arn: output.Arn, userId: output.UserId };
}

;// CONCATENATED MODULE: ./src/aws/version.ts
/** The action's name and version, sent in every STS call's User-Agent (a unit test pins them to package.json). */
const ACTION_NAME = 'aws-deploy-role';
const ACTION_VERSION = '1.0.0';

;// CONCATENATED MODULE: ./src/aws/sts-client.ts









/**
 * The StsGateway over @aws-sdk/client-sts. One client per caller key, kept for the whole run,
 * so the clock correction the SDK learns from a skew error sticks for the retry; a new client
 * starts from the last offset learned. The SDK's own retries are off (maxAttempts 1): our
 * retrier (retry.ts) fetches a fresh OIDC token per attempt, logs each attempt and keeps the
 * action's classification (AccessDenied never retried, IDPCommunicationError and the JWKS case
 * retried, one retry after a clock correction), which the SDK's standard strategy does not.
 * No logger is given to the SDK: nothing it could print (a request, a signed header) reaches
 * the job log, also with RUNNER_DEBUG=1.
 */
function createSdkStsGateway(settings) {
    const handler = new ProxyRoutingHandler(settings, settings.env, settings.attemptTimeoutMs);
    const clients = new Map();
    const corrected = new Set();
    let clockOffset = 0;
    const pinned = settings.pinned;
    const chosen = pinned === undefined
        ? chooseStsEndpoint(settings.endpoint, settings.env)
        : pinned.endpoint === 'sdk-default'
            ? undefined
            : pinned.endpoint;
    // Only the origin is ever printed: a URL from AWS_ENDPOINT_URL* may carry user:password@ or a
    // query, which nothing registered as a secret.
    const chosenOrigin = chosen === undefined ? '' : originOf(chosen.url);
    if (chosen !== undefined)
        settings.info?.(`STS endpoint: ${chosenOrigin} (from ${chosen.from})`);
    const cleartext = cleartextEndpointWarning(chosen);
    if (cleartext !== undefined)
        settings.warning?.(cleartext);
    let lastEndpoint = chosenOrigin;
    const clientFor = (caller) => {
        const key = caller?.accessKeyId ?? '';
        const existing = clients.get(key);
        if (existing !== undefined)
            return existing;
        const client = new dist_cjs/* STSClient */.iM({
            region: settings.region,
            ...(chosen === undefined ? {} : { endpoint: chosen.url }),
            // Endpoints in shared config files are never used (chooseStsEndpoint says why).
            ignoreConfiguredEndpointUrls: true,
            // Pinned, the SDK reads neither AWS_USE_*_ENDPOINT nor a config file's use_*_endpoint.
            ...(pinned === undefined
                ? {}
                : {
                    useFipsEndpoint: pinned.useFipsEndpoint,
                    useDualstackEndpoint: pinned.useDualstackEndpoint,
                }),
            customUserAgent: [[ACTION_NAME, ACTION_VERSION]],
            maxAttempts: 1,
            systemClockOffset: clockOffset,
            requestHandler: (settings.requestHandler ?? handler),
            credentials: caller === undefined
                ? // AssumeRoleWithWebIdentity is unsigned: the token is the credential.
                    async () => Promise.reject(new Error('this STS call is unsigned'))
                : {
                    accessKeyId: caller.accessKeyId,
                    secretAccessKey: caller.secretAccessKey,
                    ...(caller.sessionToken ? { sessionToken: caller.sessionToken } : {}),
                },
        });
        client.middlewareStack.add((next, context) => async (args) => {
            const request = args.request;
            const origin = `${request.protocol ?? 'https:'}//${request.hostname ?? ''}${request.port ? `:${request.port}` : ''}`;
            lastEndpoint = origin;
            settings.debug?.(`STS ${String(context.commandName).replace(/Command$/, '')} → ${origin}${request.path ?? '/'}`);
            return next(args);
        }, { step: 'finalizeRequest', name: 'awsDeployRoleEndpointLine', priority: 'low' });
        clients.set(key, client);
        return client;
    };
    const send = async (operation, caller, options, run) => {
        const client = clientFor(caller);
        const timeout = AbortSignal.timeout(options.timeoutMs);
        const abortSignal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
        try {
            return await run(client, abortSignal);
        }
        catch (error) {
            if (timeout.aborted && !options.signal?.aborted)
                throw new errors/* StsCallError */.Do(operation, 'TimeoutError', `no response within ${options.timeoutMs / 1000} s (endpoint ${lastEndpoint})`, 0);
            const failure = toStsCallError(error, operation, lastEndpoint);
            const key = caller?.accessKeyId ?? '';
            if (!failure.clockSkewCorrected || !corrected.has(key)) {
                if (failure.clockSkewCorrected)
                    corrected.add(key);
                throw failure;
            }
            // Corrected once already: a second skew error is final, not another retry.
            throw new errors/* StsCallError */.Do(failure.operation, failure.code, failure.awsMessage, failure.status);
        }
        finally {
            clockOffset = client.config.systemClockOffset ?? clockOffset;
            clients.forEach((c) => (c.config.systemClockOffset = clockOffset));
        }
    };
    return {
        assumeRole: (request, caller, options) => send('AssumeRole', caller, options, async (client, abortSignal) => fromAssumeOutput(await client.send(new dist_cjs/* AssumeRoleCommand */.QL(toAssumeRoleInput(request)), { abortSignal }), 'AssumeRole')),
        assumeRoleWithWebIdentity: (request, options) => send('AssumeRoleWithWebIdentity', undefined, options, async (client, abortSignal) => fromAssumeOutput(await client.send(new dist_cjs/* AssumeRoleWithWebIdentityCommand */.WH(toWebIdentityInput(request)), {
            abortSignal,
        }), 'AssumeRoleWithWebIdentity')),
        getCallerIdentity: (caller, options) => send('GetCallerIdentity', caller, options, async (client, abortSignal) => fromCallerIdentityOutput(await client.send(new dist_cjs/* GetCallerIdentityCommand */.zI({}), { abortSignal }))),
        getSessionToken: (request, caller, options) => send('GetSessionToken', caller, options, async (client, abortSignal) => {
            const output = await client.send(new dist_cjs/* GetSessionTokenCommand */.Xo(toSessionTokenInput(request)), {
                abortSignal,
            });
            return fromCredentials(output.Credentials, 'GetSessionToken');
        }),
        destroy: () => handler.destroy(),
        networkChoices: async () => {
            // What the SDK resolved for this run's clients (variables or config file), as it used it.
            const { config } = clientFor(undefined);
            return {
                endpoint: chosen === undefined ? 'sdk-default' : { url: chosen.url, from: chosen.from },
                useFipsEndpoint: await config.useFipsEndpoint(),
                useDualstackEndpoint: await config.useDualstackEndpoint(),
                // After the handler put the proxy inputs there: what http-client and proxyFor read.
                proxyEnv: proxyVariablesOf(settings.env),
            };
        },
    };
}
/** A URL's scheme, host and port, without credentials, path or query. */
function originOf(url) {
    try {
        const origin = new URL(url).origin;
        return origin === 'null' ? '(not an http(s) URL)' : origin;
    }
    catch {
        return '(not a URL)';
    }
}


/***/ })

};
