import { describe, expect, it } from "vitest";
import { resolveClientAddress } from "@/server/http/client-address";

describe("resolveClientAddress", () => {
  it("ignores X-Forwarded-For unless a proxy is trusted: anyone can send the header", () => {
    expect(resolveClientAddress({ remoteAddress: "10.0.0.7", forwardedFor: "198.51.100.1", trustProxy: false })).toBe("10.0.0.7");
  });
  it("behind a trusted proxy, takes the first forwarded address", () => {
    expect(resolveClientAddress({ remoteAddress: "10.0.0.7", forwardedFor: "198.51.100.1, 10.0.0.2", trustProxy: true })).toBe("198.51.100.1");
    expect(resolveClientAddress({ remoteAddress: "10.0.0.7", forwardedFor: ["203.0.113.5", "10.0.0.2"], trustProxy: true })).toBe("203.0.113.5");
  });
  it("falls back to the socket's address when the proxy sent none", () => {
    expect(resolveClientAddress({ remoteAddress: "10.0.0.7", forwardedFor: undefined, trustProxy: true })).toBe("10.0.0.7");
    expect(resolveClientAddress({ remoteAddress: undefined, forwardedFor: "", trustProxy: true })).toBe("unknown");
  });
});
