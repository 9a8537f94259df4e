// Two (or more) app instances behind a real nginx from Debian's package, for tests and benches
// that need several processes sharing PostgreSQL and Redis. Everything lives in a temp dir of
// its own (config, pid, logs, nginx temp paths); nginx runs in the foreground (`daemon off`) as
// our child, like the instances. `stop()` ends every process and removes the dir; a process
// exit that skips it (a crashed runner) still SIGKILLs the children.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export const NGINX = process.env.NGINX_BIN ?? "/usr/sbin/nginx";
// Both runners start in the repository root; no import.meta here: Playwright loads this file as CommonJS.
const ROOT = process.cwd();
const INSTANCE_ENTRY = path.join(ROOT, "tests/support/instance/app-instance.ts");
const START_TIMEOUT_MS = 60_000;

export type Instance = {
  name: string;
  port: number;
  /** Straight to the instance, bypassing the proxy (for probes only). */
  directUrl: string;
  child: ChildProcess | null;
  /** Every stdout line (pino JSON) since it started, across restarts. */
  lines: string[];
};

export type ProxiedInstances = {
  proxyUrl: string;
  instances: Instance[];
  byName: (name: string) => Instance;
  /** Starts (or restarts) an instance and waits until it answers. */
  start: (name: string) => Promise<void>;
  /** SIGKILL: a crash, no goodbye to its sockets or its leases. Resolves when it is gone. */
  kill: (name: string) => Promise<void>;
  /** Parsed log records of an instance whose `msg` is `msg`. */
  logged: (name: string, msg: string) => Array<Record<string, unknown>>;
  stop: () => Promise<void>;
};

export type ProxiedOptions = {
  names?: string[];
  /**
   * "test-instance" (default): tests/support/instance/app-instance.ts, the realtime hub and a few
   * API routes without Next's renderer. "server": the app's own server.ts with Next.js, which needs
   * a production build in .next (the Playwright run has one).
   */
  entry?: "test-instance" | "server";
  /** DATABASE_URL, REDIS_URL, KAIZEN_INTERVAL_MS, WEBHOOK_POLL_MS ... for every instance; a function gets the proxy's URL. */
  env: Record<string, string> | ((proxy: { proxyUrl: string }) => Record<string, string>);
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, child: ChildProcess, output: () => string): Promise<void> {
  const until = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited while starting:\n${output()}`);
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start within ${START_TIMEOUT_MS} ms:\n${output()}`);
}

/**
 * The proxy's configuration. Plain round robin, no stickiness: the app's clients use the
 * websocket transport only (docs/decisions/010-two-instances-behind-a-proxy.md), so a socket is
 * one TCP connection to one instance for its life, and every HTTP request is stateless.
 */
export function nginxConfig(dir: string, listenPort: number, upstreamPorts: number[]): string {
  const asRoot = process.getuid?.() === 0;
  return `daemon off;
${asRoot ? "user root root;\n" : ""}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  map $http_upgrade $connection_upgrade { default upgrade; "" close; }
  upstream obeya {
${upstreamPorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join("\n")}
  }
  server {
    listen 127.0.0.1:${listenPort};
    location / {
      proxy_pass http://obeya;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_connect_timeout 2s;
      # an idle wall socket sends a ping every 25 s; a dead instance is skipped for the next one
      proxy_read_timeout 1h;
      proxy_next_upstream error timeout;
    }
  }
}
`;
}

export async function startProxiedInstances(opts: ProxiedOptions): Promise<ProxiedInstances> {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install -y nginx (.ci/run does)`);
  const names = opts.names ?? ["a", "b"];
  const dir = mkdtempSync(path.join(tmpdir(), "obeya-proxy-"));
  const children = new Set<ChildProcess>();
  const killAll = () => {
    for (const c of children) c.kill("SIGKILL");
  };
  process.once("exit", killAll);

  const instances: Instance[] = [];
  for (const name of names) {
    const port = await freePort();
    instances.push({ name, port, directUrl: `http://127.0.0.1:${port}`, child: null, lines: [] });
  }
  const proxyPort = await freePort();
  const proxyUrl = `http://127.0.0.1:${proxyPort}`;
  const instanceEnv = typeof opts.env === "function" ? opts.env({ proxyUrl }) : opts.env;
  const fullApp = opts.entry === "server";
  let nginx: ChildProcess | null = null;
  let nginxOutput = "";

  const byName = (name: string) => {
    const found = instances.find((i) => i.name === name);
    if (!found) throw new Error(`no instance ${name}`);
    return found;
  };

  async function start(name: string): Promise<void> {
    const inst = byName(name);
    if (inst.child && inst.child.exitCode === null && inst.child.signalCode === null) return;
    let stderr = "";
    const args = fullApp ? ["--import", "tsx", path.join(ROOT, "server.ts")] : ["--conditions=react-server", "--import", "tsx", INSTANCE_ENTRY];
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "info", ...instanceEnv, PORT: String(inst.port), HOSTNAME: "127.0.0.1", INSTANCE_NAME: name },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.add(child);
    child.once("exit", () => children.delete(child));
    let partial = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      const text = partial + chunk.toString();
      const parts = text.split("\n");
      partial = parts.pop()!;
      inst.lines.push(...parts.filter(Boolean));
    });
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    inst.child = child;
    await waitFor(
      `instance ${name}`,
      async () => (await fetch(`${inst.directUrl}${fullApp ? "/api/health" : "/__instance"}`).catch(() => null))?.ok === true,
      child,
      () => `${stderr}\n${inst.lines.slice(-20).join("\n")}`,
    );
  }

  async function kill(name: string): Promise<void> {
    const child = byName(name).child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await gone;
  }

  async function stop(): Promise<void> {
    const all = [...children];
    await Promise.all(
      all.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            const force = setTimeout(() => c.kill("SIGKILL"), 3_000);
            c.once("exit", () => (clearTimeout(force), resolve()));
            // nginx: QUIT is its graceful stop; the instances stop on TERM
            c.kill(c === nginx ? "SIGQUIT" : "SIGTERM");
          }),
      ),
    );
    process.off("exit", killAll);
    rmSync(dir, { recursive: true, force: true });
  }

  try {
    writeFileSync(path.join(dir, "nginx.conf"), nginxConfig(dir, proxyPort, instances.map((i) => i.port)));
    nginx = spawn(NGINX, ["-p", dir, "-e", path.join(dir, "error.log"), "-c", path.join(dir, "nginx.conf")], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.add(nginx);
    nginx.once("exit", () => children.delete(nginx!));
    nginx.stdout!.on("data", (c: Buffer) => (nginxOutput += c.toString()));
    nginx.stderr!.on("data", (c: Buffer) => (nginxOutput += c.toString()));
    await waitFor("nginx", () => portOpen(proxyPort), nginx, () => nginxOutput);
    await Promise.all(instances.map((i) => start(i.name)));
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    proxyUrl,
    instances,
    byName,
    start,
    kill,
    logged: (name, msg) =>
      byName(name)
        .lines.map((l) => {
          try {
            return JSON.parse(l) as Record<string, unknown>;
          } catch {
            return {};
          }
        })
        .filter((r) => r.msg === msg),
    stop,
  };
}
