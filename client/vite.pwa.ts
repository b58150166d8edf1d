import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { type CustomInjectManifestOptions, VitePWA, type VitePluginPWAAPI } from 'vite-plugin-pwa';

type ManifestTransform = NonNullable<CustomInjectManifestOptions['manifestTransforms']>[number];

/**
 * The installable app's service worker, built by vite-plugin-pwa from src/sw.ts (injectManifest).
 *
 * The plugin's own SvelteKit wrapper does not accept SvelteKit 3, so this file does its two jobs:
 * it precaches what SvelteKit wrote to `.svelte-kit/output` (the client chunks, static files and
 * the prerendered app shell) and it builds the worker at the one moment all of that exists —
 * after SvelteKit's build and prerender, before the adapter copies `output/client` to `build/`.
 * See docs/decisions/0005-pwa.md.
 */

/** The prerendered page the worker answers every /app navigation with (src/routes/app-shell). */
export const SHELL_PATH = 'app-shell';

const OUTPUT = '.svelte-kit/output';
const SHELL_FILE = `prerendered/pages/${SHELL_PATH}.html`;

/** Output paths (relative to `.svelte-kit/output`) → the URLs the server answers them at. */
const toServedUrls: ManifestTransform = (entries) => ({
  manifest: entries.map((entry) => {
    if (entry.url === SHELL_FILE) {
      return { ...entry, url: SHELL_PATH };
    }
    return { ...entry, url: entry.url.replace(/^client\//, '') };
  }),
  warnings: [],
});

export function pwa(): Plugin[] {
  const plugins = VitePWA({
    strategies: 'injectManifest',
    srcDir: 'src',
    filename: 'sw.ts',
    // the worker goes where SvelteKit keeps its client files; the adapter copies it to build/client
    outDir: `${OUTPUT}/client`,
    registerType: 'prompt',
    // src/lib/pwa registers it (inside the app only) and asks before updating
    injectRegister: false,
    // static/manifest.webmanifest is the manifest; app.html links it on every page
    manifest: false,
    injectManifest: {
      globDirectory: OUTPUT,
      globPatterns: ['client/**/*.{js,css,svg,png,webmanifest}', SHELL_FILE],
      globIgnores: ['client/sw.js', 'client/.vite/**'],
      // hashed file names need no revision; everything else is revisioned by content
      dontCacheBustURLsMatching: /^client\/_app\/immutable\//,
      manifestTransforms: [toServedUrls],
    },
    devOptions: { enabled: false },
    integration: {
      // Vite 8 (Rolldown) spells the plugin's `inlineDynamicImports: true` as `codeSplitting: false`.
      configureCustomSWViteBuild(config) {
        const output = config.build?.rollupOptions?.output;
        if (output && !Array.isArray(output)) {
          delete output.inlineDynamicImports;
          output.codeSplitting = false;
        }
      },
    },
  });

  let api: VitePluginPWAAPI | undefined;
  let root = '';

  const sveltekitOutput: Plugin = {
    name: 'smartket:pwa-sveltekit-output',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      api = config.plugins.find((plugin) => plugin.name === 'vite-plugin-pwa')?.api as
        VitePluginPWAAPI | undefined;
    },
    // SvelteKit's own buildApp (earlier in the plugin list) has built the ssr and client
    // environments and prerendered; its adapter runs in a later `order: 'post'` buildApp.
    async buildApp() {
      if (!api || api.disabled) {
        return;
      }
      const shell = path.join(root, OUTPUT, SHELL_FILE);
      if (!existsSync(shell)) {
        throw new Error(
          `PWA: the prerendered app shell ${shell} is missing; the worker would not open offline.`,
        );
      }
      await api.generateSW();
    },
  };

  // Only the main plugin (options, `virtual:pwa-register`, the API above). Its build plugin would
  // generate the worker after every environment build, before the client output is complete and
  // before prerendering; the others serve a dev worker, PWA assets and index.html, none used here.
  const main = plugins.filter((plugin) => plugin.name === 'vite-plugin-pwa');
  return [...main, sveltekitOutput];
}
