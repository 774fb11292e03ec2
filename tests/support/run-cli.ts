import { runCli } from '../../src/cli/run-cli.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the admin CLI in-process, as `npm run --silent cli -- …` would, against `databaseUrl`. */
export async function cli(databaseUrl: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    args,
    { DATABASE_URL: databaseUrl, ...env },
    { out: (t) => out.push(t), err: (t) => err.push(t) },
  );
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
