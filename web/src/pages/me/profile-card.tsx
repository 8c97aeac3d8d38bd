/** The signed-in user's account and role grants. */
import { ROLE_LABELS, SCOPE_TYPE_LABELS, labelOf } from '@common/labels';
import { Card, Descriptions, Space, Tag } from 'antd';
import type { Session } from '../../api/auth';

/** Profile card. */
export function ProfileCard({ session }: { session: Session }) {
  const { user } = session;
  return (
    <Card title="个人资料" variant="borderless" style={{ height: '100%' }}>
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 96 } }}
        items={[
          { key: 'username', label: '用户名', children: user.username },
          { key: 'name', label: '姓名', children: user.name },
          { key: 'unit', label: '所属单位', children: user.unitName || '—' },
          { key: 'region', label: '所属区域', children: user.regionName || '—' },
          {
            key: 'roles',
            label: '角色',
            children: (
              <Space size={[4, 8]} wrap>
                {user.roleGrants.length === 0 && '—'}
                {user.roleGrants.map((grant) => (
                  <Tag key={`${grant.role}-${grant.scopeId ?? ''}`} color="blue">
                    {labelOf(ROLE_LABELS, grant.role)}
                    {grant.scopeType !== 'global' && ` · ${grant.scopeName ?? labelOf(SCOPE_TYPE_LABELS, grant.scopeType)}`}
                  </Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
