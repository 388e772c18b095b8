// Types of bundle.mjs for the TypeScript that imports it.
export type WorkerCode = { file: string } | { contents: string; resolveDir: string };
/** The code a worker thread runs, as one CommonJS file: its path. */
export function workerBundle(code: WorkerCode): Promise<string>;
/** The file to import to run a TypeScript program (its bundle, or the source through tsx). */
export function programFile(file: string): Promise<string>;
