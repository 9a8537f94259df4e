// The deployment files (issue 14.2): docker-compose.yml passes Compose's own validation
// (`docker compose config`, or Debian's `docker-compose config` where the plugin is missing —
// both check the file against the Compose Specification without an engine), and says what the
// README promises: two app instances behind nginx (sticky by client address, WebSocket upgrade),
// PostgreSQL, Redis, a health check on every service, named volumes; the Dockerfile is
// multi-stage, runs as a non-root user and has a HEALTHCHECK. No container runs here.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

/** Compose's validator on this machine: the docker CLI plugin, else the standalone command. */
function findCompose(): { cmd: string; args: string[] } | null {
  if (spawnSync("docker", ["compose", "version"], { stdio: "ignore" }).status === 0) return { cmd: "docker", args: ["compose"] };
  if (spawnSync("which", ["docker-compose"], { stdio: "ignore" }).status === 0) return { cmd: "docker-compose", args: [] };
  return null;
}
const compose = findCompose();

function composeConfig(file: string, quiet: boolean) {
  if (!compose) {
    throw new Error("Neither `docker compose` nor `docker-compose` is installed: apt-get install docker-compose (Debian) validates without an engine.");
  }
  // The file's own defaults apply: no variable of this shell leaks into the check.
  const env = { PATH: process.env.PATH!, HOME: process.env.HOME ?? "/tmp" } as unknown as NodeJS.ProcessEnv;
  return spawnSync(compose.cmd, [...compose.args, "--project-directory", path.dirname(file), "-f", file, "config", ...(quiet ? ["-q"] : [])], {
    encoding: "utf8",
    env,
  });
}

type Service = {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  healthcheck?: { test?: string[] | string };
  depends_on?: Record<string, { condition: string }>;
  volumes?: (string | { type: string; source: string; target: string })[];
  ports?: unknown[];
};

let normalised = "";

describe("deployment files", () => {
  it("docker compose config accepts docker-compose.yml and refuses a broken copy", () => {
    const file = path.join(root, "docker-compose.yml");
    const ok = composeConfig(file, false);
    expect(ok.stderr.trim()).toBe("");
    expect(ok.status).toBe(0);
    normalised = ok.stdout;

    // The validator really validates: an unknown depends_on condition is refused.
    const dir = mkdtempSync(path.join(tmpdir(), "obeya-compose-"));
    try {
      const broken = path.join(dir, "docker-compose.yml");
      writeFileSync(broken, readFileSync(file, "utf8").replace("condition: service_healthy", "condition: service_happy"));
      const bad = composeConfig(broken, true);
      expect(bad.status).not.toBe(0);
      expect(bad.stderr).toMatch(/service_happy|condition/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("two app instances behind nginx, PostgreSQL and Redis, each with a health check, on named volumes", () => {
    // The file as Compose reads it (anchors merged, defaults filled), from the check above.
    expect(normalised).toContain("services:");
    const config = parse(normalised) as { services: Record<string, Service>; volumes: Record<string, unknown> };
    const services = config.services;
    expect(Object.keys(services).sort()).toEqual(["app1", "app2", "postgres", "proxy", "redis"]);
    for (const [name, s] of Object.entries(services)) expect(s.healthcheck?.test, `${name} health check`).toBeTruthy();

    for (const name of ["app1", "app2"]) {
      const app = services[name]!;
      expect(app.build).toBeTruthy();
      expect(app.environment?.DATABASE_URL).toMatch(/^postgresql:\/\/.*@postgres:5432\//);
      expect(app.environment?.REDIS_URL).toBe("redis://redis:6379");
      expect(app.environment?.TRUST_PROXY).toBe("1");
      expect(app.depends_on?.postgres?.condition).toBe("service_healthy");
      expect(app.depends_on?.redis?.condition).toBe("service_healthy");
      // Readiness, not mere liveness: the proxy waits for migrated instances.
      expect(JSON.stringify(app.healthcheck?.test)).toContain("/api/ready");
    }
    const proxy = services.proxy!;
    expect(proxy.image).toMatch(/^nginx:/);
    expect(proxy.depends_on?.app1?.condition).toBe("service_healthy");
    expect(proxy.depends_on?.app2?.condition).toBe("service_healthy");
    expect(JSON.stringify(proxy.volumes)).toContain("ops/nginx/obeya.conf");
    expect(proxy.ports?.length).toBe(1);
    expect(services.app1!.ports).toBeUndefined();

    expect(Object.keys(config.volumes).sort()).toEqual(["backups", "postgres-data"]);
    expect(JSON.stringify(services.postgres!.volumes)).toMatch(/postgres-data.*\/var\/lib\/postgresql\/data/);

    const nginx = readFileSync(path.join(root, "ops/nginx/obeya.conf"), "utf8");
    const upstream = /upstream obeya \{([^}]*)\}/.exec(nginx)?.[1] ?? "";
    expect(upstream).toMatch(/^\s*ip_hash;/m);
    expect(upstream).toMatch(/server app1:3000/);
    expect(upstream).toMatch(/server app2:3000/);
    expect(nginx).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(nginx).toMatch(/proxy_set_header Connection \$connection_upgrade;/);
    expect(nginx).toMatch(/location = \/proxy-health/);
    expect(JSON.stringify(proxy.healthcheck?.test)).toContain("/proxy-health");
  });

  it("the Dockerfile builds in stages and runs as a non-root user with a health check", () => {
    const lines = readFileSync(path.join(root, "Dockerfile"), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"));
    const stages = lines.map((l, i) => (/^FROM\s/i.test(l) ? i : -1)).filter((i) => i >= 0);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const last = lines.slice(stages.at(-1));
    expect(last.some((l) => /^COPY --from=/.test(l))).toBe(true);
    const user = last.filter((l) => /^USER\s/.test(l)).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER\s+(root|0)(:|$)/);
    expect(last.some((l) => /^HEALTHCHECK\s/.test(l))).toBe(true);
    // The image can back up PostgreSQL (npm run backup needs pg_dump).
    expect(last.join("\n")).toMatch(/postgresql-client/);
  });
});
