/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The server (Spring Boot, port 8080 by default) serves dist/ from the classpath at "/".
// During `npm run dev`, API and WebDAV calls are proxied to it.
const backend = 'http://localhost:8080';

export default defineConfig({
  // Relative asset URLs: the bundle works at "/" and under a servlet context path.
  base: './',
  plugins: [svelte()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': backend,
      '/remote.php': backend,
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
