import { REPORT_VIEW } from './script-report-view.js';
import { LINKS } from './script-links.js';
import { MARKS } from './script-marks.js';
import { LIST } from './script-list.js';
import { GROUP } from './script-group.js';
import { NAVIGATION } from './script-navigation.js';

/**
 * The review page's script, inlined into every page. Plain ES2020 for any current browser, no library. Data from the
 * report and texts reach the page only through textContent and attributes, never as markup. Written in parts by
 * concern, joined in this order into one inline script (its SHA-256 is the page's script-src).
 */
export const PAGE_SCRIPT = [REPORT_VIEW, LINKS, MARKS, LIST, GROUP, NAVIGATION].join('');
