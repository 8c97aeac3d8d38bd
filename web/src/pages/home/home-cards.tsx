/** The statistic cards of the home page; a card with a link navigates there. */
import { RightOutlined } from '@ant-design/icons';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { HomeCard } from '../../api/home';

/** Card grid: 2 per row on phones, 4 on desktop. */
export function HomeCards({ cards }: { cards: HomeCard[] }) {
  const navigate = useNavigate();
  return (
    <Row gutter={[12, 12]}>
      {cards.map((card) => {
        const go = card.link ? () => navigate(card.link!) : undefined;
        return (
          <Col key={card.key} xs={12} md={8} xl={6}>
            <Card
              hoverable={!!go}
              variant="borderless"
              onClick={go}
              role={go ? 'link' : undefined}
              aria-label={go ? `${card.title}：${card.value}` : undefined}
              tabIndex={go ? 0 : undefined}
              onKeyDown={go ? (e) => e.key === 'Enter' && go() : undefined}
              style={{ height: '100%', cursor: go ? 'pointer' : 'default' }}
              styles={{ body: { padding: 16 } }}
            >
              <Statistic
                title={
                  <span style={{ display: 'flex', justifyContent: 'space-between', gap: 4 }}>
                    <span>{card.title}</span>
                    {go && <RightOutlined aria-hidden style={{ fontSize: 11, opacity: 0.45 }} />}
                  </span>
                }
                value={card.value}
                styles={{ content: { fontSize: 26, fontWeight: 600 } }}
              />
              {card.hint && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: card.hint }}>
                  {card.hint}
                </Typography.Text>
              )}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
