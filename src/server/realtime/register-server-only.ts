// server.ts runs under tsx, outside React's server bundle, where `import "server-only"` throws
// by design (the package's default export condition). This module must be server.ts's FIRST
// import: ES imports are hoisted, so a shim written inside server.ts would run too late. It
// pre-fills the CommonJS require cache (tsx runs this repo's .ts as CommonJS: package.json has
// no "type") with an empty module, exactly what the "react-server" condition resolves to.
// It imports nothing from the app, so nothing can load `server-only` before it.
import Module from "node:module";
import path from "node:path";

const anchor = typeof __filename === "string" ? __filename : path.join(process.cwd(), "server.ts");
const requireFromHere = Module.createRequire(anchor);
const resolved = requireFromHere.resolve("server-only");

if (!requireFromHere.cache[resolved]) {
  const empty = new Module(resolved);
  empty.filename = resolved;
  empty.loaded = true;
  empty.exports = {};
  requireFromHere.cache[resolved] = empty;
}
