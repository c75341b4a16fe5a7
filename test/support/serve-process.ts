/**
 * `nianbao serve` in a process of its own on a free port, for the tests and benchmarks that kill
 * it, load it or watch its memory; and an API token got the way a user gets one, by signing in
 * through the login form.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

export interface ServeProcess {
  child: ChildProcess;
  /** The address the server printed, ending in '/'. */
  url: string;
  /** Ends the server as Ctrl+C does. */
  stop(): Promise<void>;
  /** Ends it as a power cut does: no chance to close anything. */
  kill9(): Promise<void>;
}

/** Starts `nianbao serve --data <data> --port 0` with the environment given, once it says where it listens. */
export async function startServeProcess(data: string, env: Record<string, string>, stderr: 'inherit' | 'pipe' = 'pipe'): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'index.ts'), 'serve', '--data', data, '--port', '0'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', stderr],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /已启动：(http:\/\/\S+\/)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
    child.on('exit', (code) => reject(new Error(`server ended (${code}): ${out}`)));
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await gone;
  };
  return { child, url, stop: () => end('SIGTERM'), kill9: () => end('SIGKILL') };
}

/** Signs in through the login form (with its anti-forgery token) and makes an API token. */
export async function apiToken(base: string, username: string, password: string, name = 'test'): Promise<string> {
  const page = await fetch(`${base}login`);
  const loginCookie = page.headers.getSetCookie().find((c) => c.startsWith('nb_login='))!.split(';')[0];
  const loginToken = /name="_login" value="([^"]+)"/.exec(await page.text())![1];
  const res = await fetch(`${base}login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _login: loginToken, username, password }).toString(),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith('nb_session='))?.split(';')[0];
  if (!session) throw new Error(`login ${username}: ${res.status}`);
  const me = (await (await fetch(`${base}api/me`, { headers: { cookie: session } })).json()) as { csrf: string };
  const made = await fetch(`${base}api/tokens`, { method: 'POST', headers: { cookie: session, 'x-csrf-token': me.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
  return ((await made.json()) as { token: string }).token;
}
