// `npm run bench`: every benchmark, one after the other. Each prints its figures and its floor.
// `npm run bench -- procurement` (or platform, directory, report) runs only those named; options after
// the names go to the benchmarks (`--sizes 320000` for procurement).
const benches = ['platform', 'directory', 'report', 'procurement'];
const named = process.argv.slice(2).filter((a) => benches.includes(a));
for (const b of named.length ? named : benches) await import(`./${b}.ts`);
