/** 创建专班: the users holding the task-force role for this campaign (granted in 用户管理). */
import { Card, Table, Typography } from 'antd';
import type { TaskforceMember } from '../../api/campaigns';

/** Task force members (read-only here). */
export function TaskforceCard({ members }: { members: TaskforceMember[] }) {
  return (
    <Card variant="borderless" title="创建专班">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        专班成员由安全管理员在「用户管理」中授予本项目的「创建专班」角色。
      </Typography.Paragraph>
      <Table
        rowKey="userId"
        size="middle"
        pagination={false}
        dataSource={members}
        locale={{ emptyText: '暂无专班成员' }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '用户名', dataIndex: 'username' },
        ]}
      />
    </Card>
  );
}
