import next from "eslint-config-next";

const config = [
  { ignores: ["src/generated/**", ".next/**", "node_modules/**", "test-results/**", "playwright-report/**", ".test-dbs/**", "bench/.data/**"] },
  ...next,
  {
    rules: {
      // Domain rules stay pure: no I/O, no framework.
      "no-restricted-imports": "off",
    },
  },
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["@/server/*", "@/app/*", "@/components/*", "@/generated/*", "next/*", "react", "node:*"] },
      ],
    },
  },
  {
    // Specs take `test` from ./support/test, which closes the contexts a test opens itself.
    files: ["tests/e2e/**/*.spec.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "@playwright/test", message: "Import from ./support/test: it closes the browser contexts a test opens." }] },
      ],
    },
  },
];

export default config;
