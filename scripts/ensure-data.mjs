#!/usr/bin/env node
// Builds the data (and the fictitious sample) when they are missing, as `npm start` and
// `npm test` need them. Extra arguments go to the data build (e.g. --sources DIR).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export function ensureData(args = []) {
  if (!existsSync('public/data/manifest.json') || process.env.ATLAS_REBUILD === '1') {
    console.log('Données absentes : construction des données (npm run data)…');
    const r = spawnSync('npm', ['run', '--silent', 'data', '--', ...args], { stdio: 'inherit' });
    if (r.status !== 0) {
      console.error('La construction des données a échoué : voir le message ci-dessus.');
      process.exit(r.status ?? 1);
    }
  }
  if (!existsSync('public/data/sample.geojson')) {
    // The fictitious sample is only loaded on request in the UI; generate it so the button works.
    const r = spawnSync('npm', ['run', '--silent', 'sample'], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) ensureData(process.argv.slice(2));
