// The report server in a process of its own, for the crash test: it queues the office's audit of
// 甲局 and a re-check of 乙局 behind it, then runs until it is killed.
import { hashPassword } from '../../src/serve/password.ts';
import { buildServer } from '../../src/serve/server.ts';

const [configFile, dbFile, outRoot] = process.argv.slice(2);
const { runner } = await buildServer({
  configFile,
  dbFile,
  outRoot,
  adminPasswordHash: hashPassword('correct horse battery'),
  cookieSecret: 'crash-test-secret-0123',
  asOf: '2022-11-15',
});
runner.start(['jia'], 'office');
runner.start(['yi'], 'recheck-yi');
process.stdout.write('queued\n');
await new Promise(() => undefined); // until killed
