/** A centred spinner for pages and lazy chunks. */
import { Spin } from 'antd';

/** Loading placeholder; fullScreen fills the viewport (before the layout exists). */
export function PageLoading({ fullScreen = false }: { fullScreen?: boolean }) {
  return (
    <div
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        minHeight: fullScreen ? '100vh' : 240,
      }}
    >
      <Spin size="large" aria-label="加载中" />
    </div>
  );
}
