/**
 * `npm run bench`: every benchmark of the project, one after the other, each printing its own
 * figures and the command that reproduces it. `npm run bench -- parse store` runs only those.
 * Speed is measured here, never asserted in tests.
 */
const suites: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  parse: () => import('./parse.js'),
  read: () => import('./read.js'),
  ledger: () => import('./ledger.js'),
  register: () => import('./register.js'),
  web: () => import('./web.js'),
  store: () => import('./store.js'),
  organs: () => import('./organs.js'),
  render: () => import('./render.js'),
  startup: () => import('./startup.js'),
  shapes: () => import('./shapes.js'),
  borderless: () => import('./borderless.js'),
  fetch: () => import('./fetch.js'),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const [name, load] of Object.entries(suites)) {
  if (wanted.length && !wanted.includes(name)) continue;
  console.log(`\n== ${name}`);
  const suite = await load();
  await suite.run();
}
