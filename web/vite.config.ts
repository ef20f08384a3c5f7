/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// nginx serves the build at /app/ on the API's own origin (no Node process in production).
// deploy/up passes the output folder in T2O_WEB_OUT_DIR; a plain `npm run build` writes dist/.
export default defineConfig({
  base: "/app/",
  plugins: [react()],
  build: {
    outDir: process.env.T2O_WEB_OUT_DIR ?? "dist",
    emptyOutDir: true,
    // Every browser the dashboard supports has native modulepreload: no polyfill code.
    modulePreload: { polyfill: false },
    // Hashed names go under assets/, which nginx caches as immutable.
    assetsDir: "assets",
    sourcemap: false,
  },
  // `npm run dev`: the dashboard with hot reload at http://localhost:5173/app/, every other
  // path (the API) passed to a running stack (deploy/up), so the session cookie is same-origin.
  server: {
    proxy: {
      "^/(?!app(/|$))": { target: process.env.T2O_API ?? "http://localhost:8080", changeOrigin: false },
    },
  },
  test: {
    environment: "jsdom",
    setupFiles: ["src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
  },
});
