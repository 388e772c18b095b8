// A worker thread of the extraction pool: TypeScript through tsx, as in the main thread.
import { register } from 'tsx/esm/api';

register();
const { decodeAndExtract } = await import('./decode-extract.ts');

export default function run(input) {
  return decodeAndExtract(input);
}
