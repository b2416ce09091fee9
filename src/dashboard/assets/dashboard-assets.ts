import { API_SCRIPT } from './api.script';
import { APPOINTMENT_PANEL_SCRIPT } from './appointment-panel.script';
import { BOARD_SCRIPT } from './board.script';
import { BOOKING_SCRIPT } from './booking.script';
import { CLINIC_TIME_SCRIPT } from './clinic-time.script';
import { DASHBOARD_STYLES } from './dashboard-styles';
import { MAIN_SCRIPT } from './main.script';
import { SESSION_SCRIPT } from './session.script';
import { SLOTS_SCRIPT } from './slots.script';

export interface DashboardAsset {
  contentType: string;
  body: string;
}

const script = (body: string): DashboardAsset => ({ contentType: 'text/javascript; charset=utf-8', body });

/**
 * The files of the front-desk page under `/dashboard/assets/`: plain JavaScript modules (no
 * build step, nothing fetched from elsewhere) and one stylesheet, all served by the app itself.
 */
export const DASHBOARD_ASSETS: ReadonlyMap<string, DashboardAsset> = new Map([
  ['dashboard.css', { contentType: 'text/css; charset=utf-8', body: DASHBOARD_STYLES }],
  ['main.js', script(MAIN_SCRIPT)],
  ['api.js', script(API_SCRIPT)],
  ['session.js', script(SESSION_SCRIPT)],
  ['clinic-time.js', script(CLINIC_TIME_SCRIPT)],
  ['board.js', script(BOARD_SCRIPT)],
  ['slots.js', script(SLOTS_SCRIPT)],
  ['booking.js', script(BOOKING_SCRIPT)],
  ['appointment-panel.js', script(APPOINTMENT_PANEL_SCRIPT)],
]);
