// Child processes of the wall bench: forked with IPC, with the app's environment, `tsx` and
// `import "server-only"` loadable (react-server condition), under a raised open-file limit, and
// always killed when the bench ends.
import { spawn, type ChildProcess } from "node:child_process";
import { wallEnv } from "./common";

const children = new Set<ChildProcess>();

export type Child<In, Out> = {
  proc: ChildProcess;
  send: (m: In) => void;
  /** The next message matching `pick`, or an error after `timeoutMs`. */
  next: <T extends Out>(pick: (m: Out) => m is T, timeoutMs: number, what: string) => Promise<T>;
  on: (listener: (m: Out) => void) => () => void;
  stop: () => Promise<void>;
};

/**
 * Forks `file` through bash so `ulimit -n` can be raised first (10,000 sockets need 10,000
 * descriptors in the server and in the client process); bash `exec`s node, which keeps the IPC
 * channel. Asks for 65535 and settles for the hard limit when that is lower (a container).
 */
export function fork<In, Out extends { type: string }>(file: string, args: string[], nodeFlags: string[] = []): Child<In, Out> {
  const node = [process.execPath, ...nodeFlags, "--conditions=react-server", "--import", "tsx", file, ...args];
  const quoted = node.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(" ");
  const script = `ulimit -n 65535 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec ${quoted}`;
  const proc = spawn("bash", ["-c", script], { env: wallEnv(), stdio: ["ignore", "inherit", "inherit", "ipc"] });
  children.add(proc);
  proc.on("exit", () => children.delete(proc));
  const listeners = new Set<(m: Out) => void>();
  proc.on("message", (m: Out) => {
    if (m.type === "error") console.error(`${file}: ${(m as unknown as { message: string }).message}`);
    for (const l of listeners) l(m);
  });
  const on = (l: (m: Out) => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  };
  return {
    proc,
    send: (m) => proc.send(m as object),
    on,
    next: (pick, timeoutMs, what) =>
      new Promise((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          off();
          proc.off("exit", onExit);
        };
        const off = on((m) => {
          if (pick(m)) {
            done();
            resolve(m);
          } else if (m.type === "error") {
            done();
            reject(new Error(`${file}: ${(m as unknown as { message: string }).message}`));
          }
        });
        const onExit = (code: number | null) => {
          done();
          reject(new Error(`${file} exited (${code}) while waiting for ${what}`));
        };
        proc.once("exit", onExit);
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${file}: no ${what} within ${timeoutMs} ms`));
        }, timeoutMs);
      }),
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((r) => proc.once("exit", () => r()));
      try {
        proc.send({ cmd: "stop" });
      } catch {
        proc.kill("SIGKILL");
      }
      const t = setTimeout(() => proc.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** Every child still running is killed (the bench's end, its time limit, Ctrl-C). */
export function killChildren(): void {
  for (const c of children) c.kill("SIGKILL");
}
