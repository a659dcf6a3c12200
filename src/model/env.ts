/** Environment variables by name, as `process.env` holds them: undefined when unset. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * The process environment where the main step changes it for its own later work (the token
 * endpoint's proxy variables, variables unset-current-credentials removes).
 */
export type WritableEnv = Record<string, string | undefined>;
