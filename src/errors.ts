/** Bad input from the person running the tool: a one-line Chinese reason, exit code 2. */
export class UsageError extends Error {}
