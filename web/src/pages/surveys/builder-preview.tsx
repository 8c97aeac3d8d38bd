/**
 * 预览: the questionnaire as the interviewer reads it out and the public fills it in — the intro, the profile questions,
 * then the sections; answering in the preview shows the skip logic at work (nothing is sent).
 */
import { GENDER_LABELS, GENDERS, RESIDENCE_BANDS, isShown, type AnswerValue, type Answers } from '@common/surveys';
import { Alert, Button, Checkbox, Divider, Input, InputNumber, Radio, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { numbering, type Draft } from './builder-model';

export function QuestionnairePreview({ draft }: { draft: Draft }) {
  const [answers, setAnswers] = useState<Answers>({});
  const numbers = numbering(draft);
  const set = (code: string, v: AnswerValue | undefined) =>
    setAnswers((a) => {
      const next = { ...a };
      if (v === undefined || (Array.isArray(v) && !v.length) || v === '') delete next[code];
      else next[code] = v;
      return next;
    });
  const e = draft.eligibility;
  return (
    <div data-testid="questionnaire-preview">
      <Typography.Title level={4} style={{ textAlign: 'center', marginTop: 0 }}>
        {draft.title || '（未填问卷标题）'}
      </Typography.Title>
      {draft.intro && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{draft.intro}</Typography.Paragraph>}
      <Divider titlePlacement="start" plain>
        受访者基本情况
      </Divider>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Select
          placeholder="调查对象类别"
          style={{ width: '100%' }}
          options={draft.groups.map((g) => ({ value: g.code, label: g.label }))}
        />
        <Radio.Group options={GENDERS.map((g) => ({ value: g, label: GENDER_LABELS[g] }))} />
        <InputNumber placeholder="年龄（周岁）" style={{ width: '100%' }} />
        <Select
          placeholder="在本地居住年限"
          style={{ width: '100%' }}
          options={RESIDENCE_BANDS.map((b) => ({ value: b.code, label: b.label }))}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          受访条件：{e.minAge}—{e.maxAge} 周岁{e.minResidenceMonths ? `，在本地居住满 ${e.minResidenceMonths} 个月` : ''}
          。不符合时显示：{draft.ineligibleText}
        </Typography.Text>
      </Space>
      {draft.sections.map((s) => (
        <div key={s.code}>
          <Divider titlePlacement="start" plain>
            {s.title || '（未命名部分）'}
          </Divider>
          {s.questions.map((q) => {
            if (!isShown(q, answers)) return null;
            const v = answers[q.code];
            const multi = q.type === 'multiple' || (q.type === 'knowledge' && q.multi);
            const options = (q.choices ?? []).map((c) => ({ value: c.code, label: `${c.code}. ${c.label}` }));
            return (
              <div key={q.code} style={{ marginBottom: 14 }} data-preview-question={q.code}>
                <div style={{ marginBottom: 6 }}>
                  {q.required && <span style={{ color: '#ff4d4f' }}>* </span>}
                  {numbers.get(q.code)}. {q.text || '（未填题目）'}
                  {multi && <Tag style={{ marginInlineStart: 6 }}>多选</Tag>}
                </div>
                {options.length > 0 &&
                  (multi ? (
                    <Checkbox.Group
                      style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
                      options={options}
                      value={Array.isArray(v) ? v : []}
                      onChange={(x) => set(q.code, x as string[])}
                    />
                  ) : (
                    <Radio.Group
                      style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
                      options={options}
                      value={typeof v === 'string' ? v : undefined}
                      onChange={(x) => set(q.code, x.target.value as string)}
                    />
                  ))}
                {q.type === 'number' && (
                  <InputNumber
                    min={q.min}
                    max={q.max}
                    style={{ width: '100%' }}
                    value={typeof v === 'number' ? v : null}
                    onChange={(x) => set(q.code, x ?? undefined)}
                  />
                )}
                {q.type === 'text' && (
                  <Input.TextArea
                    autoSize={{ minRows: 2 }}
                    value={typeof v === 'string' ? v : ''}
                    onChange={(x) => set(q.code, x.target.value)}
                  />
                )}
              </div>
            );
          })}
        </div>
      ))}
      <Alert type="success" title={draft.closing || '感谢您的支持！'} style={{ marginTop: 8 }} />
      <Button size="small" type="link" onClick={() => setAnswers({})} style={{ paddingInline: 0 }}>
        清空预览中的作答
      </Button>
    </div>
  );
}
