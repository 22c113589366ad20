/**
 * A command's argv as one line a POSIX shell reads back as the same argv: an argument is quoted only
 * when the shell would change it, so ordinary command lines stay as people write them.
 */

/** Characters a shell leaves alone in a word. `{model}` and `{port}` stay bare: braces expand only with a comma or `..`. */
const PLAIN = /^[A-Za-z0-9_@%+=:,./{}-]+$/;

/** One argument for a POSIX shell: bare when safe, else in single quotes (a `'` written as `'\''`). */
export function shellQuote(argument: string): string {
  if (PLAIN.test(argument) && !/[{][^}]*(,|\.\.)/.test(argument)) return argument;
  return "'" + argument.replaceAll("'", "'\\''") + "'";
}

/** The argv joined for display and copying. */
export function shellCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
