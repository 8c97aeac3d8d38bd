/**
 * Drawing the boxes to blur on one photo, with the mouse or a finger: the photo is shown at the width available and the
 * boxes are absolutely positioned over it as fractions of the image (the same fractions of its natural size, which is
 * what the server blurs). Drag to draw; ✕ removes a box. The server renders the blurred public copy on 保存.
 */
import type { RedactionBox } from '@common/exposure-workflow';
import { useRef, useState, type PointerEvent } from 'react';

const MIN = 0.01;
const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

/** The editor for one photo. */
export function RedactionEditor({
  src,
  boxes,
  onChange,
  disabled,
  label,
}: {
  src: string;
  boxes: RedactionBox[];
  onChange: (boxes: RedactionBox[]) => void;
  disabled?: boolean;
  label: string;
}) {
  const frame = useRef<HTMLDivElement>(null);
  const [start, setStart] = useState<{ x: number; y: number } | null>(null);
  const [draft, setDraft] = useState<RedactionBox | null>(null);

  const at = (e: PointerEvent) => {
    const r = frame.current!.getBoundingClientRect();
    return { x: clamp01((e.clientX - r.left) / r.width), y: clamp01((e.clientY - r.top) / r.height) };
  };
  const boxOf = (a: { x: number; y: number }, b: { x: number; y: number }): RedactionBox => ({
    x: Math.min(a.x, b.x),
    y: Math.min(a.y, b.y),
    w: Math.abs(a.x - b.x),
    h: Math.abs(a.y - b.y),
  });

  return (
    <div
      ref={frame}
      role="application"
      aria-label={`${label}：在照片上拖动画出要打码的区域`}
      data-testid="redaction-frame"
      style={{
        position: 'relative',
        display: 'inline-block',
        maxWidth: '100%',
        touchAction: 'none',
        userSelect: 'none',
        cursor: disabled ? 'default' : 'crosshair',
      }}
      onPointerDown={(e) => {
        if (disabled || (e.target as HTMLElement).dataset.remove) return;
        frame.current!.setPointerCapture(e.pointerId);
        const p = at(e);
        setStart(p);
        setDraft({ ...p, w: 0, h: 0 });
      }}
      onPointerMove={(e) => start && setDraft(boxOf(start, at(e)))}
      onPointerUp={(e) => {
        if (!start) return;
        const b = boxOf(start, at(e));
        setStart(null);
        setDraft(null);
        if (b.w >= MIN && b.h >= MIN) onChange([...boxes, b]);
      }}
    >
      <img src={src} alt={label} draggable={false} style={{ display: 'block', maxWidth: '100%', maxHeight: 480 }} />
      {[...boxes, ...(draft ? [draft] : [])].map((b, i) => (
        <div
          key={i}
          data-testid="redaction-box"
          style={{
            position: 'absolute',
            left: `${b.x * 100}%`,
            top: `${b.y * 100}%`,
            width: `${b.w * 100}%`,
            height: `${b.h * 100}%`,
            border: '2px solid #ff4d4f',
            background: 'rgba(255, 77, 79, 0.25)',
            boxSizing: 'border-box',
          }}
        >
          {!disabled && i < boxes.length && (
            <button
              type="button"
              data-remove="1"
              aria-label={`删除第 ${i + 1} 个打码框`}
              onClick={() => onChange(boxes.filter((_, j) => j !== i))}
              style={{
                position: 'absolute',
                right: -12,
                top: -12,
                width: 24,
                height: 24,
                borderRadius: 12,
                border: 'none',
                background: '#ff4d4f',
                color: '#fff',
                cursor: 'pointer',
                lineHeight: '24px',
                padding: 0,
              }}
            >
              ✕
            </button>
          )}
        </div>
      ))}
    </div>
  );
}
