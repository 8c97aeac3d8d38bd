/** Loads shipped reference data (versioned data files) into the database; runs at start-up and in tests. */
import type { Db } from './platform/db';
import { loadHolidays } from './modules/calendar/load-holidays';
import { loadCategories } from './modules/problem-categories/load-categories';
import { loadSiteTypes } from './modules/sites/load-site-types';

/** Brings every reference data set up to its file's version. */
export async function loadReferenceData(db: Db): Promise<{ categories: number; siteTypes: number; holidays: number }> {
  return { categories: await loadCategories(db), siteTypes: await loadSiteTypes(db), holidays: await loadHolidays(db) };
}
