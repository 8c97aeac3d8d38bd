/**
 * One question in the builder: type, text, 必答, choices (code A, B, C …, label, 计入, 有效), scale presets, the
 * knowledge question's correct answer(s), the rate it feeds, number range and 显示条件 (skip logic).
 */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  QUESTION_TYPE_LABELS,
  QUESTION_TYPES,
  SCALE_PRESETS,
  SURVEY_RATE_LABELS,
  SURVEY_RATES,
  type ChoiceDef,
  type QuestionDef,
  type QuestionType,
  type ScalePreset,
  type SurveyRate,
} from '@common/surveys';
import { Button, Card, Checkbox, Input, InputNumber, Popconfirm, Select, Space, Switch, Tag, Typography } from 'antd';
import {
  applyPreset,
  currentChoices,
  earlierChoiceQuestions,
  hasChoices,
  setChoices,
  updateQuestion,
  withType,
  type Draft,
} from './builder-model';

interface Props {
  draft: Draft;
  question: QuestionDef;
  number: number;
  onChange: (next: Draft) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  canMoveUp: boolean;
  canMoveDown: boolean;
  readOnly: boolean;
}

const PRESET_OPTIONS = (Object.keys(SCALE_PRESETS) as ScalePreset[]).map((k) => ({ value: k, label: SCALE_PRESETS[k].label }));
const RATE_OPTIONS = [{ value: '', label: '不计入' }, ...SURVEY_RATES.map((r) => ({ value: r, label: SURVEY_RATE_LABELS[r] }))];

const ROW: React.CSSProperties = { display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' };

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label style={{ display: 'flex', flexDirection: 'column', gap: 4, minWidth: 0 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      {children}
    </label>
  );
}

function Choices({ draft, question: q, onChange, readOnly }: Pick<Props, 'draft' | 'question' | 'onChange' | 'readOnly'>) {
  const choices: Array<ChoiceDef & { from?: string }> = currentChoices(q);
  const set = (next: typeof choices) => onChange(setChoices(draft, q.code, next));
  const knowledge = q.type === 'knowledge';
  const rated = !!q.rate && !knowledge;
  const toggleCorrect = (code: string, on: boolean) => {
    const now = q.correct ?? [];
    const correct = on ? (q.multi ? [...now, code] : [code]) : now.filter((c) => c !== code);
    onChange(updateQuestion(draft, q.code, (x) => ({ ...x, correct })));
  };
  return (
    <div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        选项
        {rated ? '（勾选“计入”的选项算入指标分子；取消“有效”的选项（如“不清楚”）不计入分母）' : ''}
        {knowledge ? `（勾选正确答案${q.multi ? '，可多个' : ''}）` : ''}
      </Typography.Text>
      <ol style={{ listStyle: 'none', padding: 0, margin: '4px 0' }}>
        {choices.map((c, i) => (
          <li key={`${c.from}-${i}`} style={{ ...ROW, marginBottom: 6, flexWrap: 'nowrap' }}>
            <Tag style={{ marginInlineEnd: 0, minWidth: 28, textAlign: 'center' }}>{c.code}</Tag>
            <Input
              aria-label={`选项${c.code}`}
              value={c.label}
              maxLength={100}
              placeholder={`选项 ${c.code}`}
              onChange={(e) => set(choices.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)))}
              style={{ flex: 1, minWidth: 0 }}
            />
            {knowledge ? (
              <Checkbox
                aria-label={`${c.code}为正确答案`}
                checked={(q.correct ?? []).includes(c.code)}
                onChange={(e) => toggleCorrect(c.code, e.target.checked)}
              >
                正确
              </Checkbox>
            ) : (
              rated && (
                <>
                  <Checkbox
                    aria-label={`选项${c.code}计入`}
                    checked={!!c.counts}
                    onChange={(e) => set(choices.map((x, j) => (j === i ? { ...x, counts: e.target.checked } : x)))}
                  >
                    计入
                  </Checkbox>
                  <Checkbox
                    aria-label={`选项${c.code}有效`}
                    checked={c.valid !== false}
                    onChange={(e) => set(choices.map((x, j) => (j === i ? { ...x, valid: e.target.checked ? undefined : false } : x)))}
                  >
                    有效
                  </Checkbox>
                </>
              )
            )}
            {!readOnly && (
              <Button
                type="text"
                size="small"
                aria-label={`删除选项${c.code}`}
                icon={<DeleteOutlined aria-hidden />}
                disabled={choices.length <= 2}
                onClick={() => set(choices.filter((_, j) => j !== i))}
              />
            )}
          </li>
        ))}
      </ol>
      {!readOnly && (
        <Button
          size="small"
          icon={<PlusOutlined aria-hidden />}
          disabled={choices.length >= 30}
          onClick={() => set([...choices, { code: '', label: '', counts: rated ? false : undefined }])}
        >
          添加选项
        </Button>
      )}
    </div>
  );
}

function SkipLogic({ draft, question: q, onChange }: Pick<Props, 'draft' | 'question' | 'onChange'>) {
  const earlier = earlierChoiceQuestions(draft, q.code);
  const target = earlier.find((x) => x.code === q.showIf?.question);
  const set = (showIf: QuestionDef['showIf']) => onChange(updateQuestion(draft, q.code, (x) => ({ ...x, showIf })));
  return (
    <div style={ROW}>
      <Field label="显示条件">
        <Select
          aria-label="显示条件题目"
          style={{ width: 260, maxWidth: '100%' }}
          allowClear
          placeholder={earlier.length ? '总是显示' : '总是显示（前面没有选择题）'}
          disabled={!earlier.length && !q.showIf}
          value={q.showIf?.question}
          onChange={(code?: string) => set(code ? { question: code, anyOf: [] } : undefined)}
          options={earlier.map((x) => ({ value: x.code, label: `仅当 ${x.code}「${x.text.slice(0, 16) || '未填题目'}」选…` }))}
        />
      </Field>
      {q.showIf && (
        <Field label="选中以下任一选项时显示">
          <Select
            aria-label="显示条件选项"
            mode="multiple"
            style={{ minWidth: 200, maxWidth: '100%' }}
            placeholder="选择选项"
            value={q.showIf.anyOf}
            onChange={(anyOf: string[]) => set({ question: q.showIf!.question, anyOf })}
            options={(target?.choices ?? []).map((c) => ({ value: c.code, label: `${c.code}. ${c.label || '（未填）'}` }))}
          />
        </Field>
      )}
    </div>
  );
}

/** The question card (its DOM carries data-question for tests and screen readers name it 第 N 题). */
export function QuestionEditor(props: Props) {
  const { draft, question: q, number, onChange, onMove, onRemove, canMoveUp, canMoveDown, readOnly } = props;
  const patch = (p: Partial<QuestionDef>) => onChange(updateQuestion(draft, q.code, (x) => ({ ...x, ...p })));
  return (
    <Card
      size="small"
      data-question={q.code}
      role="group"
      aria-label={`第${number}题`}
      style={{ marginBottom: 12 }}
      styles={{ header: { paddingInline: 12 }, body: { padding: 12 } }}
      title={
        <span>
          第 {number} 题 <Typography.Text type="secondary">{q.code}</Typography.Text>
          {q.showIf && (
            <Tag color="blue" style={{ marginInlineStart: 8 }}>
              条件显示
            </Tag>
          )}
        </span>
      }
      extra={
        !readOnly && (
          <Space size={0}>
            <Button
              type="text"
              size="small"
              aria-label="上移题目"
              icon={<ArrowUpOutlined aria-hidden />}
              disabled={!canMoveUp}
              onClick={() => onMove(-1)}
            />
            <Button
              type="text"
              size="small"
              aria-label="下移题目"
              icon={<ArrowDownOutlined aria-hidden />}
              disabled={!canMoveDown}
              onClick={() => onMove(1)}
            />
            <Popconfirm
              title={`删除第 ${number} 题？`}
              description="以此题为显示条件的题目将改为总是显示"
              okText="删除"
              cancelText="取消"
              okButtonProps={{ danger: true }}
              onConfirm={onRemove}
            >
              <Button type="text" size="small" danger aria-label="删除题目" icon={<DeleteOutlined aria-hidden />} />
            </Popconfirm>
          </Space>
        )
      }
    >
      <Space orientation="vertical" size={10} style={{ width: '100%' }}>
        <div style={ROW}>
          <Field label="题型">
            <Select
              aria-label="题型"
              style={{ width: 140 }}
              value={q.type}
              onChange={(type: QuestionType) => onChange(updateQuestion(draft, q.code, (x) => withType(x, type)))}
              options={QUESTION_TYPES.map((t) => ({ value: t, label: QUESTION_TYPE_LABELS[t] }))}
            />
          </Field>
          {q.type !== 'knowledge' && hasChoices(q) && (
            <Field label="计入指标">
              <Select
                aria-label="计入指标"
                style={{ width: 120 }}
                value={q.rate ?? ''}
                onChange={(v: SurveyRate | '') => patch({ rate: v || null })}
                options={RATE_OPTIONS}
              />
            </Field>
          )}
          {q.type === 'knowledge' && (
            <Field label="计入指标">
              <Select
                aria-label="计入指标"
                style={{ width: 120 }}
                value={q.rate ?? ''}
                onChange={(v: SurveyRate | '') => patch({ rate: v ? 'awareness' : null })}
                options={[
                  { value: 'awareness', label: SURVEY_RATE_LABELS.awareness },
                  { value: '', label: '不计入' },
                ]}
              />
            </Field>
          )}
          <Field label="必答">
            <Switch aria-label="必答" checked={q.required} onChange={(required) => patch({ required })} />
          </Field>
          {q.type === 'knowledge' && (
            <Field label="多选（须全部选对）">
              <Switch
                aria-label="多选"
                checked={!!q.multi}
                onChange={(multi) => patch({ multi, correct: multi ? q.correct : (q.correct ?? []).slice(0, 1) })}
              />
            </Field>
          )}
        </div>
        <Field label="题目">
          <Input.TextArea
            aria-label="题目"
            value={q.text}
            maxLength={500}
            autoSize={{ minRows: 1, maxRows: 4 }}
            placeholder="如：您对本地创建全国文明城市工作是否满意？"
            onChange={(e) => patch({ text: e.target.value })}
          />
        </Field>
        {q.type === 'scale' && (
          <Field label="标准量表（选择后填入选项和指标）">
            <Select
              aria-label="标准量表"
              style={{ width: 340, maxWidth: '100%' }}
              value={q.scale}
              placeholder="选择量表"
              onChange={(preset: ScalePreset) => onChange(updateQuestion(draft, q.code, (x) => applyPreset(x, preset)))}
              options={PRESET_OPTIONS}
            />
          </Field>
        )}
        {hasChoices(q) && <Choices {...props} />}
        {q.type === 'number' && (
          <div style={ROW}>
            <Field label="最小值">
              <InputNumber aria-label="最小值" value={q.min} onChange={(v) => patch({ min: v ?? undefined })} />
            </Field>
            <Field label="最大值">
              <InputNumber aria-label="最大值" value={q.max} onChange={(v) => patch({ max: v ?? undefined })} />
            </Field>
          </div>
        )}
        <SkipLogic draft={draft} question={q} onChange={onChange} />
      </Space>
    </Card>
  );
}
