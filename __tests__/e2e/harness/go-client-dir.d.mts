export const GO_CLIENT_DIR_VARIABLE: string;
export function setup(): void;
export function teardown(): void;
