import { defineConfig } from 'vite';

// Served by the API under /app/ (same origin); `npm run dev` proxies the API to CMQ_API.
const api = process.env.CMQ_API ?? 'http://127.0.0.1:8000';
const apiPaths = [
  '/health', '/campuses', '/actors', '/diplomas', '/pathways', '/map.geojson', '/platforms',
  '/passerelles', '/sites', '/gaps', '/docs', '/openapi.json', '/sources', '/communes', '/feeders', '/about',
];

export default defineConfig({
  base: '/app/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: Object.fromEntries(apiPaths.map((p) => [p, { target: api, changeOrigin: false }])),
  },
});
