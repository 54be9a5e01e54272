import { gzipSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** Gzipped JavaScript a public page may load before the map (issue: web app, "Weight"). */
export const JS_BUDGET_BYTES = 250 * 1024;

/**
 * Writes dist/bundle-report.json and prints it: every JavaScript chunk with its gzipped size, and the
 * total a first visit loads (the entry and everything it imports statically). Chunks loaded on demand
 * (the map, the staff console) are listed apart. test/e2e/bundle.test.ts holds the budget.
 */
function bundleReport(): Plugin {
  return {
    name: 'sehub-bundle-report',
    apply: 'build',
    writeBundle(options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const initial = new Set<string>();
      const visit = (file: string) => {
        if (initial.has(file)) return;
        initial.add(file);
        for (const i of byName.get(file)?.imports ?? []) visit(i);
      };
      for (const c of chunks) if (c.isEntry) visit(c.fileName);
      const rows = chunks
        .map((c) => ({
          file: c.fileName,
          name: c.name,
          bytes: Buffer.byteLength(c.code),
          gzip: gzipSync(c.code, { level: 9 }).length,
          initial: initial.has(c.fileName),
          // Which libraries a chunk carries, so a test can tell the map code stayed out of the first visit.
          packages: [...new Set(c.moduleIds.map((id) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id)?.[1]).filter((p): p is string => Boolean(p)))].sort(),
        }))
        .sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzip - a.gzip);
      const initialGzip = rows.filter((r) => r.initial).reduce((n, r) => n + r.gzip, 0);
      const report = { budgetBytes: JS_BUDGET_BYTES, initialGzipBytes: initialGzip, withinBudget: initialGzip <= JS_BUDGET_BYTES, chunks: rows };
      writeFileSync(join(options.dir!, 'bundle-report.json'), `${JSON.stringify(report, null, 2)}\n`);
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
      console.log('\nJavaScript (gzip)   first visit?  chunk');
      for (const r of rows) console.log(`${kb(r.gzip)}           ${r.initial ? 'yes' : 'no '}   ${r.file}`);
      console.log(`First visit loads ${kb(initialGzip).trim()} of JavaScript (budget ${kb(JS_BUDGET_BYTES).trim()}): ${report.withinBudget ? 'within budget' : 'OVER BUDGET'}\n`);
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react(), bundleReport()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 600 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
