/** Shows a page only to a user holding the permission; the server enforces it regardless. */
import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import type { ReactNode } from 'react';
import { hasPermission, useSession } from '../api/auth';

/** Route guard by `module.action` permission. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { data: session } = useSession();
  const navigate = useNavigate();
  if (!hasPermission(session, permission)) {
    return (
      <Result
        status="403"
        title="无权访问"
        subTitle="您没有访问此页面的权限，如有需要请联系安全管理员。"
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            返回首页
          </Button>
        }
      />
    );
  }
  return children;
}
