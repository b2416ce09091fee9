import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DASHBOARD_FOLDER, DashboardAssets } from './dashboard-assets';

describe("The dashboard's files", () => {
  const assets = new DashboardAssets();

  it('serves every file of the dashboard folder, as it is on disk, with its content type', () => {
    const files = readdirSync(DASHBOARD_FOLDER);
    expect(files).toContain('main.js');
    expect(files).toContain('dashboard.css');
    for (const file of files) {
      const asset = assets.get(file);
      expect(asset?.body).toBe(readFileSync(join(DASHBOARD_FOLDER, file), 'utf8'));
      expect(asset?.contentType).toBe(file.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
    }
  });

  it.each(['../package.json', '..%2Fpackage.json', '../src/main.ts', '/etc/passwd', 'MAIN.JS', 'main.js/', './main.js', 'eslint.config.mjs', ''])(
    'given a name outside its list (%j), then nothing',
    (file) => {
      expect(assets.get(file)).toBeUndefined();
    },
  );
});
