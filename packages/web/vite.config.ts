// Vite build of the Nightjar UI: `npm run build -w @nightjar/web` writes dist/, which the Nightjar
// server serves at / (SPA fallback to index.html). `npm run dev -w @nightjar/web` proxies the API.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const apiTarget = 'http://localhost:8318';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': apiTarget,
      '/ingest': apiTarget,
    },
  },
});
