import { describe, expect, it } from 'vitest';
import { cli } from '../support/run-cli.ts';

/** The names listed under "Lệnh:" in a help text. */
function subcommands(help: string): string[] {
  const section = help.split('Lệnh:\n')[1] ?? '';
  return [...section.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((match) => match[1]!).filter((name) => name !== 'help');
}

const ENGLISH = ['Usage:', 'Options:', 'Commands:', 'Arguments:', 'display help', '(default:', '(choices:'];

describe('the command line help', () => {
  it('reads in Vietnamese for the program and every command and subcommand', async () => {
    // --help prints before the database is opened: no database needed.
    const url = 'file:/nonexistent/never-opened.db';
    const root = (await cli(url, ['--help'])).stdout;
    const helps = [root];
    for (const name of subcommands(root)) {
      const help = (await cli(url, [name, '--help'])).stdout;
      helps.push(help);
      for (const sub of subcommands(help)) helps.push((await cli(url, [name, sub, '--help'])).stdout);
    }
    expect(helps.length).toBeGreaterThan(20);
    for (const help of helps) {
      expect(help).toMatch(/^Cách dùng: nhacviec/);
      for (const word of ENGLISH) expect(help).not.toContain(word);
    }
  });
});
