// The errors the command line tells apart, light enough to load before any command runs.

/** Bad input from the person running the tool: a one-line Chinese reason, exit code 2. */
export class UsageError extends Error {}

/** A config file that cannot be used: the file, and each problem with its path and why. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
  }
}

/** A store that cannot be read: named, with what to do, and never replaced by an empty one. */
export class StoreDamaged extends UsageError {
  constructor(file: string, why: string) {
    super(
      `数据库文件已损坏：${file}（${why}）。请从备份恢复；或将它改名保存后重新运行，` +
        `工具会新建一个空数据库（原有的历史记录不会自动带入）`,
    );
  }
}
