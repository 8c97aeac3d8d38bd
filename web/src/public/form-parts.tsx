/**
 * Pieces the public forms share (随手拍, 好人推荐): the photo picker (camera or album, each photo uploaded at once to
 * /api/public/files as this device's own, shown while uploading, removable) and the background security check's
 * progress line (the proof of work of ./challenge).
 */
import type { ChangeEvent, Dispatch, SetStateAction } from 'react';
import { postJson } from './api';
import { deviceId } from './device';

export interface PickedPhoto {
  key: string;
  preview: string;
  /** The upload's id once stored; null while uploading or after a failure. */
  id: string | null;
  error: string | null;
}

/** The uploaded photos' ids, and whether one is still uploading. */
export function photoIds(photos: PickedPhoto[]): { ids: string[]; uploading: boolean } {
  return { ids: photos.filter((p) => p.id).map((p) => p.id!), uploading: photos.some((p) => !p.id && !p.error) };
}

/** Photo tiles with 拍照 and 相册 buttons (up to `max`); `alt` names the photos for screen readers. */
export function PhotoPicker({
  photos,
  onChange,
  max,
  alt,
}: {
  photos: PickedPhoto[];
  onChange: Dispatch<SetStateAction<PickedPhoto[]>>;
  max: number;
  alt: string;
}) {
  const handleFiles = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []).slice(0, max - photos.length);
    e.target.value = '';
    for (const file of files) {
      const key = `${Date.now()}-${Math.random()}`;
      const preview = URL.createObjectURL(file);
      onChange((p) => [...p, { key, preview, id: null, error: null }]);
      const form = new FormData();
      form.append('file', file);
      try {
        const up = await postJson<{ id: string }>(`/api/public/files?deviceId=${deviceId()}`, form);
        onChange((p) => p.map((x) => (x.key === key ? { ...x, id: up.id } : x)));
      } catch (err) {
        onChange((p) => p.map((x) => (x.key === key ? { ...x, error: (err as Error).message } : x)));
      }
    }
  };
  const failed = photos.find((p) => p.error);
  return (
    <>
      <div className="pp-photos">
        {photos.map((p) => (
          <div className="pp-photo" key={p.key}>
            <img src={p.preview} alt={alt} />
            <button
              type="button"
              className="pp-photo-remove"
              aria-label="删除照片"
              onClick={() => onChange((x) => x.filter((y) => y.key !== p.key))}
            >
              ✕
            </button>
            {!p.id && <span className="pp-photo-state">{p.error ? '失败' : '上传中'}</span>}
          </div>
        ))}
        {photos.length < max && (
          <>
            <label className="pp-photo-add">
              <input type="file" accept="image/*" capture="environment" onChange={handleFiles} aria-label="拍照" />
              <svg className="pp-icon" viewBox="0 0 24 24" aria-hidden>
                <path d="M4 7h3l2-3h6l2 3h3v13H4z" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
                <circle cx="12" cy="13" r="4" fill="none" stroke="currentColor" strokeWidth="1.8" />
              </svg>
              拍照
            </label>
            <label className="pp-photo-add">
              <input type="file" accept="image/*" multiple onChange={handleFiles} aria-label="从相册选择" />
              <svg className="pp-icon" viewBox="0 0 24 24" aria-hidden>
                <rect x="3" y="4" width="18" height="16" rx="2" fill="none" stroke="currentColor" strokeWidth="1.8" />
                <path d="M3 17l5-5 4 4 3-3 6 6" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
              </svg>
              相册
            </label>
          </>
        )}
      </div>
      {failed && <p className="pp-error">{failed.error}</p>}
    </>
  );
}

/** The security check's progress bar and line (0…1). */
export function ProofProgress({ progress }: { progress: number }) {
  return (
    <>
      <div className="pp-progress" aria-hidden>
        <div style={{ width: `${Math.round(progress * 100)}%` }} />
      </div>
      <p className="pp-muted">{progress >= 1 ? '安全验证已完成' : '正在进行安全验证（无需操作）…'}</p>
    </>
  );
}

/** The form's last card: the security check's progress, the refusal if any, and the submit button. */
export function SubmitBar({
  progress,
  error,
  sending,
  label,
}: {
  progress: number;
  error: string | null;
  sending: boolean;
  label: string;
}) {
  return (
    <div className="pp-card">
      <ProofProgress progress={progress} />
      {error && (
        <p className="pp-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="pp-btn pp-btn-primary pp-btn-block" disabled={sending}>
        {sending ? '提交中…' : label}
      </button>
    </div>
  );
}
