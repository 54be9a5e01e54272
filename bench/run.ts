// `npm run bench`: every benchmark, one after the other. Each prints its figures and its floor.
const benches = ['./platform.ts', './directory.ts', './report.ts', './procurement.ts'];
for (const b of benches) await import(b);
