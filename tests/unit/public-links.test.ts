// Links the server hands out and redirects it answers point at the address people use (issue 9:
// invitations read http://0.0.0.0:<port>/invite/…, sign-out went to http://localhost:3000).
import { describe, expect, it } from "vitest";
import { sameServerRedirect } from "@/server/auth/same-server-redirect";
import { publicOrigin } from "@/server/http/public-origin";

const bound = (headers: Record<string, string>) => new Request("http://0.0.0.0:3000/api/v1/admin/users", { headers });

describe("publicOrigin", () => {
  it("prefers the configured public URL", () => {
    expect(publicOrigin(bound({ host: "obeya.lan:3000" }), { publicUrl: "https://obeya.example.com/app", trustProxy: false })).toBe(
      "https://obeya.example.com",
    );
  });

  it("else takes the Host the browser sent, not the bind address", () => {
    expect(publicOrigin(bound({ host: "10.1.2.3:3000" }), { trustProxy: false })).toBe("http://10.1.2.3:3000");
    expect(publicOrigin(bound({ host: "[::1]:3000" }), { trustProxy: false })).toBe("http://[::1]:3000");
  });

  it("trusts X-Forwarded-Host and -Proto only behind a trusted proxy", () => {
    const req = () => bound({ host: "app:3000", "x-forwarded-host": "obeya.example.com", "x-forwarded-proto": "https" });
    expect(publicOrigin(req(), { trustProxy: false })).toBe("http://app:3000");
    expect(publicOrigin(req(), { trustProxy: true })).toBe("https://obeya.example.com");
  });

  it("ignores a Host that is not a host name", () => {
    expect(publicOrigin(bound({ host: "evil.example/phish?" }), { trustProxy: false })).toBe("http://0.0.0.0:3000");
  });
});

describe("sameServerRedirect", () => {
  const baseUrl = "http://localhost:3000";
  it("keeps paths on this server, whatever address the browser used", () => {
    expect(sameServerRedirect({ url: "/signin", baseUrl })).toBe("/signin");
    expect(sameServerRedirect({ url: "http://localhost:3000/a?b=1#c", baseUrl })).toBe("/a?b=1#c");
  });
  it("never follows another site", () => {
    for (const url of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"]) {
      expect(sameServerRedirect({ url, baseUrl })).toBe("/");
    }
  });
});
