// Global setup of the browser suite: builds the console (web/ → dist/web) so the tests see the current source.
import { fileURLToPath } from "node:url";
import { build } from "vite";

export default async function setup() {
  // vitest sets NODE_ENV=test; the console is measured and driven as `npm run build` makes it
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile: fileURLToPath(new URL("../../web/vite.config.ts", import.meta.url)), mode: "production", logLevel: "warn" });
  } finally {
    process.env.NODE_ENV = env;
  }
}
