// Lint: TypeScript's recommended rules, and the direction data flows in (config → crawl → store
// → judge → score → reports/serve): a layer never imports one that comes after it. The contract
// (src/contract) is imported by all and imports none of them.
import tseslint from 'typescript-eslint';

// Each layer names the folders it must not import (matched on the import path, relative or not).
const layer = (files, folders, why) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ regex: `(^|/)(${folders.join('|')})/`, message: why }] }],
  },
});

const later = ['run', 'serve', 'reports', 'score'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'test/fixtures/**', 'out/**', 'data/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'smart'],
      // Prettier keeps code within 120 columns; this catches what it cannot wrap (long strings,
      // template literals, regexes, comments): no line over 140 characters.
      'max-len': ['error', { code: 140, ignoreUrls: true }],
    },
  },
  layer(
    ['src/contract/**'],
    ['crawl', 'extract', 'net', 'store', 'browser', 'checks', 'calendar', ...later],
    'the contract imports no layer',
  ),
  layer(
    ['src/extract/**', 'src/net/**', 'src/calendar/**'],
    ['crawl', 'store', 'checks', 'browser', ...later],
    'extractors and network helpers are used by the crawl, never the reverse',
  ),
  layer(['src/crawl/**', 'src/browser/**'], ['store', 'checks', ...later], 'the crawl gathers; it never judges or stores'),
  layer(['src/store/**'], ['crawl', 'checks', 'browser', ...later], 'the store keeps what it is given'),
  layer(['checks/**'], ['crawl', 'store', 'browser', 'net', ...later], 'checks are pure functions over stored artifacts'),
  layer(['src/score/**'], ['run', 'serve', 'reports', 'store', 'crawl', 'browser'], 'scoring reads outcomes only'),
  layer(['reports/**'], ['serve', 'crawl', 'checks', 'store'], 'reports render run.json'),
);
