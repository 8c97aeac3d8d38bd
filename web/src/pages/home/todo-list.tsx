/** 我的待办: what is waiting for the user, each row leading to its list. */
import { CheckCircleOutlined, RightOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty } from 'antd';
import { useNavigate } from 'react-router';
import type { HomeTodo } from '../../api/home';

const rowStyle: React.CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  gap: 12,
  padding: '14px 16px',
  color: 'inherit',
  borderBottom: '1px solid #f0f0f0',
};

/** One to-do as a link row. */
function TodoRow({ todo }: { todo: HomeTodo }) {
  const navigate = useNavigate();
  return (
    <li style={{ listStyle: 'none' }}>
      <a
        href={todo.link}
        className="cc-todo-row"
        aria-label={`${todo.title}（${todo.count}）`}
        onClick={(e) => {
          e.preventDefault();
          navigate(todo.link);
        }}
        style={rowStyle}
      >
        <span style={{ flex: 1, minWidth: 0 }}>{todo.title}</span>
        <Badge count={todo.count} overflowCount={999} showZero color={todo.count > 0 ? '#fa541c' : '#d9d9d9'} />
        <RightOutlined aria-hidden style={{ color: 'rgba(0,0,0,.35)', fontSize: 12 }} />
      </a>
    </li>
  );
}

/**
 * To-do card with an empty state (暂无待办); `compact` when the page shows the role's work below or above, so an empty
 * list takes one line instead of a big placeholder.
 */
export function TodoList({
  todos,
  failed,
  onRetry,
  compact,
}: {
  todos: HomeTodo[];
  failed: boolean;
  onRetry: () => void;
  compact?: boolean;
}) {
  const pending = todos.filter((t) => t.count > 0).length;
  return (
    <Card
      variant="borderless"
      title={<span>我的待办 {pending > 0 && <Badge count={pending} style={{ marginInlineStart: 4 }} />}</span>}
      styles={{ body: { padding: todos.length ? 0 : compact ? '12px 16px' : 24 } }}
    >
      {todos.length === 0 ? (
        failed ? (
          <Empty description="待办加载失败">
            <Button onClick={onRetry}>重新加载</Button>
          </Empty>
        ) : compact ? (
          <span style={{ color: 'rgba(0,0,0,.55)' }}>
            <CheckCircleOutlined aria-hidden style={{ color: '#52c41a', marginInlineEnd: 8 }} />
            暂无待办
          </span>
        ) : (
          <Empty
            image={<CheckCircleOutlined aria-hidden style={{ fontSize: 56, color: '#52c41a' }} />}
            styles={{ image: { height: 64 } }}
            description={
              <>
                <div style={{ fontSize: 16, color: 'rgba(0,0,0,.75)' }}>暂无待办</div>
                <div style={{ fontSize: 12 }}>需要您处理的工作会显示在这里</div>
              </>
            }
          />
        )
      ) : (
        <ul aria-label="我的待办" style={{ margin: 0, padding: 0 }}>
          {todos.map((todo) => (
            <TodoRow key={todo.key} todo={todo} />
          ))}
        </ul>
      )}
    </Card>
  );
}
