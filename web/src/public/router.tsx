/**
 * A tiny router for the public bundle: matches `location.pathname` against PUBLIC_ROUTES, follows same-origin links
 * inside /p/ with the History API, and shows the layout around the lazy page.
 */
import { Suspense, useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import { Layout } from './layout';
import { PUBLIC_ROUTES, type PublicRoute } from './routes';

/** The route and its parameters for a path, or null. */
export function matchRoute(pathname: string): { route: PublicRoute; params: Record<string, string> } | null {
  const parts = pathname.replace(/\/+$/, '').split('/');
  for (const route of PUBLIC_ROUTES) {
    const pattern = route.path.split('/');
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((seg, i) => {
      if (seg.startsWith(':')) {
        if (!parts[i]) return false;
        params[seg.slice(1)] = decodeURIComponent(parts[i]!);
        return true;
      }
      return seg === parts[i];
    });
    if (ok) return { route, params };
  }
  return null;
}

/** Goes to another public page without reloading. */
export function navigate(to: string, { replace = false } = {}): void {
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
  window.scrollTo(0, 0);
}

/** An `<a>` that navigates inside the public pages without a reload. */
export function Link({ to, className, children }: { to: string; className?: string; children: ReactNode }) {
  const handleClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} className={className} onClick={handleClick}>
      {children}
    </a>
  );
}

/** The app: the page for the current path inside the layout. */
export function PublicApp() {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const handlePop = () => setPath(window.location.pathname);
    window.addEventListener('popstate', handlePop);
    return () => window.removeEventListener('popstate', handlePop);
  }, []);
  const found = matchRoute(path);
  const title = found?.route.title ?? '页面不存在';
  useEffect(() => {
    document.title = `${title} · 创城`;
  }, [title]);
  const Page = found?.route.page;
  return (
    <Layout title={title}>
      {Page ? (
        <Suspense fallback={<p className="pp-muted">加载中…</p>}>
          <Page params={found.params} />
        </Suspense>
      ) : (
        <div className="pp-card">
          <p>页面不存在。</p>
          <Link to="/p">返回首页</Link>
        </div>
      )}
    </Layout>
  );
}
