// The web console's build: web/ → dist/web, served by opencom at / (page) and /_opencom/console/ (assets).
import { defineConfig } from "vite";
import preact from "@preact/preset-vite";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: here,
  base: "/_opencom/console/",
  plugins: [preact()],
  logLevel: "warn",
  build: { outDir: fileURLToPath(new URL("../dist/web", import.meta.url)), emptyOutDir: true, target: "es2022", sourcemap: false },
});
