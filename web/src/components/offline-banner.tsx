/**
 * 网络已断开: a banner over every page while the browser is offline, so a lost connection reads as such (not as an
 * endless skeleton). Reads failing meanwhile stay quiet (api/query-client.ts) and actions fail at once with the same
 * words; nothing taken offline is sent later except through the phone pages' outboxes, which say so themselves.
 */
import { DisconnectOutlined } from '@ant-design/icons';
import { Alert } from 'antd';
import { useSyncExternalStore } from 'react';
import { useLocation } from 'react-router';

function subscribe(onChange: () => void) {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/** navigator.onLine, live. */
export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => navigator.onLine,
    () => true,
  );
}

/** The phone pages show their own notice (what still works offline there). */
const OWN_NOTICE = /^\/(field|inspect|interview)(\/|$)/;

/** Mount once inside the router, above the routes. */
export function OfflineBanner() {
  const online = useOnline();
  const { pathname } = useLocation();
  if (online || OWN_NOTICE.test(pathname)) return null;
  return (
    <Alert
      banner
      type="warning"
      showIcon
      icon={<DisconnectOutlined aria-hidden />}
      role="status"
      title={
        <>
          <strong>网络已断开</strong>：页面上的数据可能不全或不是最新；此时的操作不会提交，也不会在联网后自动补发。
        </>
      }
    />
  );
}
