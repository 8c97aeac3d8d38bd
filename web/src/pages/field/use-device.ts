/** Browser state the field page follows: network (navigator.onLine), location (geolocation) and the outbox. */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { currentlySending, listOutbox, subscribeOutbox, type OutboxReport } from '../../components/report-outbox';

function subscribeOnline(fn: () => void) {
  window.addEventListener('online', fn);
  window.addEventListener('offline', fn);
  return () => {
    window.removeEventListener('online', fn);
    window.removeEventListener('offline', fn);
  };
}

/** navigator.onLine, live. */
export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
}

export interface Position {
  status: 'locating' | 'ok' | 'error';
  lat?: number;
  lng?: number;
  /** Metres. */
  accuracy?: number;
  error?: string;
}

const GEO_ERRORS: Record<number, string> = {
  1: '未获得定位权限，请在浏览器中允许定位，或手动填写地址',
  2: '暂时无法获取位置，请手动填写地址',
  3: '定位超时，请重试或手动填写地址',
};

/** The device position, asked once on mount; `locate` asks again. */
export function useGeolocation() {
  const [position, setPosition] = useState<Position>({ status: 'locating' });
  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      setPosition({ status: 'error', error: '此浏览器不支持定位，请手动填写地址' });
      return;
    }
    setPosition((p) => ({ ...p, status: 'locating' }));
    navigator.geolocation.getCurrentPosition(
      (pos) => setPosition({ status: 'ok', lat: pos.coords.latitude, lng: pos.coords.longitude, accuracy: pos.coords.accuracy }),
      (err) => setPosition({ status: 'error', error: GEO_ERRORS[err.code] ?? '定位失败，请手动填写地址' }),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }, []);
  useEffect(locate, [locate]);
  return { position, locate };
}

/** The signed-in user's outbox, re-read whenever it changes. */
export function useOutbox(userId: string | null) {
  const [reports, setReports] = useState<OutboxReport[]>([]);
  const [sending, setSending] = useState<string | null>(currentlySending);
  const [storageError, setStorageError] = useState(false);
  useEffect(() => {
    if (!userId) return;
    let alive = true;
    const load = () =>
      listOutbox(userId)
        .then((rows) => alive && setReports(rows))
        .catch(() => alive && setStorageError(true));
    void load();
    const off = subscribeOutbox(() => {
      setSending(currentlySending());
      void load();
    });
    return () => {
      alive = false;
      off();
    };
  }, [userId]);
  return { reports, sending, storageError };
}
