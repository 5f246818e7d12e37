import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ChildService {
  process: ChildProcess;
  /** What it printed, for the failure message when it does not come up. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Runs one of the project's entry points as a real separate process (the Node that runs the
 * tests, with the project's TypeScript loader) and waits until it is ready: `ready` is a URL
 * that must answer 200, or a text the process prints (a worker serves no HTTP).
 */
export async function startChild(script: string, args: string[], env: Record<string, string | undefined>, ready: string | RegExp): Promise<ChildService> {
  // The child inherits this environment (PATH and friends), then gets its own settings; a
  // setting given as undefined is taken away.
  // eslint-disable-next-line no-restricted-properties -- passing the environment on, not reading config
  const childEnv: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'warn', ...env };
  for (const [name, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[name];
  const child = spawn(process.execPath, ['--import', './shared/runtime/register.js', script, ...args], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const service: ChildService = {
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}:\n${output}`);
    const ok = typeof ready === 'string' ? await fetch(ready).then((r) => r.ok, () => false) : ready.test(output);
    if (ok) return service;
    if (Date.now() > deadline) {
      await service.stop();
      throw new Error(`${script} was not ready within 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
