/** This phone's id for the rate limits and photo ownership (random, kept in localStorage), and its reports' codes. */
const DEVICE_KEY = 'cc-public-device';
const REPORTS_KEY = 'cc-public-reports';

/** The device id (made on first use). */
export function deviceId(): string {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    id = 'd' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

export interface SavedReport {
  code: string;
  at: string;
  category: string;
}

/** Reports filed from this phone (newest first). */
export function savedReports(): SavedReport[] {
  try {
    return JSON.parse(localStorage.getItem(REPORTS_KEY) ?? '[]') as SavedReport[];
  } catch {
    return [];
  }
}

/** Remembers a filed report's code on this phone. */
export function saveReport(r: SavedReport): void {
  localStorage.setItem(REPORTS_KEY, JSON.stringify([r, ...savedReports()].slice(0, 20)));
}
