import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The web UI lives in web/ and is built into dist/web, which the Fastify server serves
// (with index.html for every non-API GET). `npm run dev:web` proxies /api to a running server.
export default defineConfig({
  root: here("./web"),
  plugins: [react()],
  build: {
    outDir: here("./dist/web"),
    emptyOutDir: true,
    sourcemap: true,
    // A few long-lived chunks instead of one of 700 kB (and Vite's large-chunk warning at every
    // start): React and the router, the other libraries, the words (nl/en), the app itself.
    // Only the password dictionaries' chunk, loaded on the pages that set a password, is larger.
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The leaked-password dictionaries (about 1.7 MB) only for the pages where a password is set.
            { name: "password-dictionaries", test: /node_modules[\\/]@zxcvbn-ts[\\/]/, priority: 4 },
            { name: "react", test: /node_modules[\\/](react|react-dom|react-router|scheduler|cookie|set-cookie-parser)[\\/]/, priority: 3 },
            { name: "vendor", test: /node_modules[\\/]/, priority: 2 },
            { name: "words", test: /web[\\/]src[\\/]i18n[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      "/api": { target: process.env.ART28_API_URL ?? "http://127.0.0.1:3000", changeOrigin: false },
    },
  },
});
