/** One standard on the checklist: three big verdict buttons; a 不符合 asks for a photo (required) and a note. */
import { VERDICTS, VERDICT_LABELS, type Verdict } from '@common/inspections';
import { Button, Input, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { DraftItem, DraftStandard, VisitDraft } from '../../components/visit-outbox';
import { ItemPhotos } from './item-photos';

const COLORS: Record<Verdict, 'green' | 'danger' | 'default'> = { pass: 'green', fail: 'danger', na: 'default' };

/** The note, typed locally and stored as it changes; follows the draft while not being edited. */
function NoteField({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  const [text, setText] = useState(value);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setText(value);
  }, [value]);
  return (
    <Input.TextArea
      id={id}
      aria-label="问题说明"
      placeholder="问题说明（可选，建议拍照前填写），如：东门有流动摊贩占道"
      value={text}
      maxLength={500}
      autoSize={{ minRows: 1, maxRows: 4 }}
      onFocus={() => (focused.current = true)}
      onBlur={() => (focused.current = false)}
      onChange={(e) => {
        setText(e.target.value);
        onChange(e.target.value);
      }}
    />
  );
}

interface Props {
  standard: DraftStandard;
  item: DraftItem;
  problem: VisitDraft['problems'][string] | undefined;
  onVerdict: (v: Verdict) => void;
  onNote: (note: string) => void;
  onAddPhotos: (files: File[]) => void;
  onRemovePhoto: (localId: string) => void;
}

/** A checklist item. */
export function ChecklistItem({ standard: s, item, problem, onVerdict, onNote, onAddPhotos, onRemovePhoto }: Props) {
  const missingPhoto = item.verdict === 'fail' && item.photos.length === 0;
  return (
    <section
      role="group"
      aria-label={s.code}
      id={`item-${s.standardId}`}
      style={{ padding: '14px 0', borderBottom: '1px solid #f0f0f0', scrollMarginTop: 72 }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 6, marginBottom: 4, flexWrap: 'wrap' }}>
        <Typography.Text strong style={{ fontFamily: 'monospace', fontSize: 13 }}>
          {s.code}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {s.points} 分
        </Typography.Text>
        {s.negative && <Tag color="red">负面清单</Tag>}
      </div>
      <Typography.Paragraph style={{ marginBottom: 10, fontSize: 15, lineHeight: 1.6 }}>{s.text}</Typography.Paragraph>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 8 }}>
        {VERDICTS.map((v) => {
          const on = item.verdict === v;
          return (
            <Button
              key={v}
              color={COLORS[v]}
              variant={on ? 'solid' : 'outlined'}
              aria-pressed={on}
              onClick={() => onVerdict(v)}
              style={{
                height: 48,
                fontSize: 16,
                fontWeight: on ? 600 : 400,
                ...(v === 'na' && on ? { background: '#8c8c8c', borderColor: '#8c8c8c', color: '#fff' } : {}),
              }}
            >
              {VERDICT_LABELS[v]}
            </Button>
          );
        })}
      </div>
      {item.verdict === 'fail' && (
        <div style={{ marginTop: 10, display: 'grid', gap: 8 }}>
          {/* The note first: the problem is filed with it when the photo makes the item complete. */}
          <NoteField id={`note-${s.standardId}`} value={item.note} onChange={onNote} />
          <ItemPhotos inputId={`photo-${s.standardId}`} photos={item.photos} onAdd={onAddPhotos} onRemove={onRemovePhoto} />
          {missingPhoto && (
            <Typography.Text type="danger" role="alert" style={{ fontSize: 13 }}>
              不符合须拍照留证，拍照后才会保存此项
            </Typography.Text>
          )}
        </div>
      )}
      {problem && (
        <div style={{ marginTop: 8, fontSize: 13 }}>
          <Typography.Text type="secondary">已转问题：</Typography.Text>
          <Link to={`/problems/${problem.problemId}`}>{problem.code || '查看问题'}</Link>
        </div>
      )}
    </section>
  );
}
