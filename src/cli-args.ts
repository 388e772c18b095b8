// Command-line options, parsed by node:util's parseArgs; its English errors are said in Chinese
// with the closest option suggested (a few lines of edit distance: no library needed for that).
import { parseArgs } from 'node:util';
import { UsageError } from './errors.ts';

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** 中文: what it does, and its default. */
  help: string;
  value?: string;
}

export function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(
        d[i - 1][j] + 1,
        d[i][j - 1] + 1,
        d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
  return d[a.length][b.length];
}

/** The closest of `names` to `given`, if it is close enough to be a typo. */
export function closest(given: string, names: string[]): string | undefined {
  const best = names.map((n) => ({ n, d: distance(given, n) })).sort((a, b) => a.d - b.d)[0];
  return best && best.d <= Math.max(2, Math.floor(given.length / 3)) ? best.n : undefined;
}

/** An option whose value may be left out (its value is written [LIKE_THIS]): given as --name=. */
function optionalValues(args: string[], spec: Record<string, OptionSpec>): string[] {
  return args.map((a, i) => {
    const name = a.replace(/^--/, '');
    const optional =
      a.startsWith('--') && spec[name]?.type === 'string' && spec[name].value?.startsWith('[');
    return optional && (i + 1 >= args.length || args[i + 1].startsWith('-')) ? `${a}=` : a;
  });
}

export function parseOptions(command: string, given: string[], spec: Record<string, OptionSpec>) {
  const args = optionalValues(given, spec);
  const options = Object.fromEntries(
    Object.entries(spec).map(([k, v]) => [
      k,
      {
        type: v.type,
        ...(v.multiple ? { multiple: true } : {}),
        ...(v.short ? { short: v.short } : {}),
      },
    ]),
  );
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true }).values as Record<
      string,
      string | boolean | string[] | undefined
    >;
  } catch (err) {
    const e = err as { code?: string; message: string };
    const name = e.message.match(/'(-[^' ]+)/)?.[1] ?? '';
    const known = Object.keys(spec).map((k) => `--${k}`);
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const hint = closest(name, known);
      throw new UsageError(
        `${command}：没有选项「${name}」${hint ? `，您是不是想用 ${hint}？` : ''}（zwgk ${command} --help ` +
          `列出全部选项）`,
      );
    }
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const flag = e.message.match(/'(--[\w-]+)/)?.[1] ?? name;
      throw new UsageError(
        spec[flag.replace(/^--/, '')]?.type === 'boolean'
          ? `${command}：选项 ${flag} 不带值`
          : `${command}：选项 ${flag} 需要一个值`,
      );
    }
    if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      const arg = e.message.match(/'([^']+)'/)?.[1] ?? '';
      throw new UsageError(
        `${command}：多余的参数「${arg}」（选项都以 -- 开头，zwgk ${command} --help 查看用法）`,
      );
    }
    throw new UsageError(`${command}：${e.message}`);
  }
}
