/** The public pages' frame: a header with the page's title and a short footer. */
import type { ReactNode } from 'react';
import { Link } from './router';

export function Layout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="pp-shell">
      <header className="pp-header">
        <Link to="/p" className="pp-brand">
          创城
        </Link>
        <h1 className="pp-title">{title}</h1>
      </header>
      <main className="pp-main">{children}</main>
      <footer className="pp-footer">文明城市创建 · 全民参与</footer>
    </div>
  );
}
