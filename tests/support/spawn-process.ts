import { spawn, type ChildProcess } from 'node:child_process';
import { PROJECT_ROOT } from '../../src/db/migrate/migrations.ts';

export interface RunningProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves when `text` has appeared in stdout or stderr (by default within 2 minutes: a start on a busy machine is slow). */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a real process (e.g. `npm start`) in the project root with extra environment. */
export function spawnProcess(
  command: string,
  args: string[],
  env: Record<string, string>,
  input?: string,
  /** Run as another user (tests run as root in some sandboxes, where no file is read-only). */
  as?: { uid: number; gid: number },
): RunningProcess {
  const child = spawn(command, args, {
    cwd: PROJECT_ROOT,
    // A spawned bot serves /healthz on a free port (never 8080: tests run side by side); its log says which.
    env: { ...process.env, WEB_PORT: '0', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(as ?? {}),
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  if (input !== undefined) child.stdin!.end(input);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => output,
    exited,
    waitFor(text, timeoutMs = 120_000) {
      const seen = () => (typeof text === 'string' ? output.includes(text) : text.test(output));
      return new Promise((resolve, reject) => {
        if (seen()) return resolve();
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${String(text)}; output so far:\n${output}`));
        }, timeoutMs);
        const check = () => {
          if (!seen()) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
        void exited.then(() => {
          if (!seen()) {
            clearTimeout(timer);
            reject(new Error(`process exited before ${String(text)}; output:\n${output}`));
          }
        });
      });
    },
  };
}
