// The contract every layer imports and none owns: what the crawl gathers (page), what probes
// gather (probes), what a check is and returns (check), and run.json (run). docs/DESIGN.md
// describes the same shapes for the tools that read run.json. How a page is packed for the store
// is here too (packed.ts): the extraction worker packs, the store writes.
export type * from './page.ts';
export type * from './probes.ts';
export type * from './check.ts';
export type * from './run.ts';
