import { Injectable } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface DashboardAsset {
  contentType: string;
  body: string;
}

const SCRIPT = 'text/javascript; charset=utf-8';

/**
 * The files of the front-desk page under `/dashboard/assets/` with their content types: plain
 * JavaScript modules (no build step, nothing fetched from elsewhere) and one stylesheet. These
 * names are the only ones served: a request's file name is looked up here, never joined to a
 * path, so it cannot reach any other file.
 */
const DASHBOARD_FILES: ReadonlyMap<string, string> = new Map([
  ['dashboard.css', 'text/css; charset=utf-8'],
  ['main.js', SCRIPT],
  ['api.js', SCRIPT],
  ['session.js', SCRIPT],
  ['clinic-time.js', SCRIPT],
  ['board.js', SCRIPT],
  ['slots.js', SCRIPT],
  ['booking.js', SCRIPT],
  ['appointment-panel.js', SCRIPT],
]);

/** The project's root: the nearest folder with a package.json, from the sources or any build of them. */
function projectRoot(from: string): string {
  if (existsSync(join(from, 'package.json'))) return from;
  const parent = dirname(from);
  if (parent === from) throw new Error(`No package.json above ${__dirname}: the dashboard's files cannot be found`);
  return projectRoot(parent);
}

/** The top-level `dashboard/` folder, beside `dist/` both in the repository and in the image. */
export const DASHBOARD_FOLDER = join(projectRoot(__dirname), 'dashboard');

/**
 * The dashboard's files, read once when the app starts: a missing file stops the start instead
 * of failing the page later.
 */
@Injectable()
export class DashboardAssets {
  private readonly assets: ReadonlyMap<string, DashboardAsset> = new Map(
    [...DASHBOARD_FILES].map(([file, contentType]) => [file, { contentType, body: readFileSync(join(DASHBOARD_FOLDER, file), 'utf8') }]),
  );

  /** The allow-listed file of that name, or undefined. */
  get(file: string): DashboardAsset | undefined {
    return this.assets.get(file);
  }
}
