/** Evidence photos of one checklist item: take with the back camera, thumbnails (local Blob or uploaded file), remove. */
import { CameraOutlined, CloseOutlined, CloudUploadOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { fileUrls } from '../../api/files';
import type { DraftPhoto } from '../../components/visit-outbox';

export const MAX_ITEM_PHOTOS = 9;

function Thumb({ photo, index, onRemove }: { photo: DraftPhoto; index: number; onRemove: () => void }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!photo.blob) {
      setUrl(photo.fileId ? fileUrls(photo.fileId).thumbnailUrl : null);
      return;
    }
    const made = URL.createObjectURL(photo.blob);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [photo.blob, photo.fileId]);
  return (
    <div style={{ position: 'relative', width: 72, height: 72 }}>
      {url ? (
        <img src={url} alt={`取证照片 ${index + 1}`} style={{ width: '100%', height: '100%', objectFit: 'cover', borderRadius: 8 }} />
      ) : (
        <div style={{ width: '100%', height: '100%', borderRadius: 8, background: '#f5f5f5', display: 'grid', placeItems: 'center' }}>
          <CloudUploadOutlined aria-hidden style={{ color: '#bfbfbf' }} />
        </div>
      )}
      {!photo.fileId && (
        <span
          style={{
            position: 'absolute',
            left: 0,
            bottom: 0,
            right: 0,
            background: 'rgba(250,173,20,.9)',
            color: '#fff',
            fontSize: 10,
            textAlign: 'center',
            borderRadius: '0 0 8px 8px',
          }}
        >
          待上传
        </span>
      )}
      <button
        type="button"
        className="cc-photo-remove"
        aria-label={`移除取证照片 ${index + 1}`}
        onClick={onRemove}
        style={{
          position: 'absolute',
          top: -6,
          right: -6,
          width: 24,
          height: 24,
          borderRadius: 12,
          border: 'none',
          background: 'rgba(0,0,0,.65)',
          color: '#fff',
          cursor: 'pointer',
          display: 'grid',
          placeItems: 'center',
        }}
      >
        <CloseOutlined aria-hidden style={{ fontSize: 11 }} />
      </button>
    </div>
  );
}

interface Props {
  inputId: string;
  photos: DraftPhoto[];
  onAdd: (files: File[]) => void;
  onRemove: (localId: string) => void;
}

/** Thumbnails plus the camera button. */
export function ItemPhotos({ inputId, photos, onAdd, onRemove }: Props) {
  const full = photos.length >= MAX_ITEM_PHOTOS;
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 10 }}>
      {photos.map((p, i) => (
        <Thumb key={p.localId} photo={p} index={i} onRemove={() => onRemove(p.localId)} />
      ))}
      {!full && (
        <label
          htmlFor={inputId}
          style={{
            width: photos.length ? 72 : '100%',
            height: photos.length ? 72 : 64,
            border: `2px dashed ${photos.length ? '#91caff' : '#ff7875'}`,
            borderRadius: 8,
            background: photos.length ? '#f0f7ff' : '#fff2f0',
            color: photos.length ? '#1677ff' : '#cf1322',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            gap: 6,
            cursor: 'pointer',
            fontSize: photos.length ? 12 : 15,
          }}
        >
          <CameraOutlined aria-hidden style={{ fontSize: photos.length ? 18 : 22 }} />
          {photos.length ? '再拍' : '拍照取证（必填）'}
        </label>
      )}
      <input
        id={inputId}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        aria-label="拍照取证"
        disabled={full}
        style={{ position: 'absolute', width: 1, height: 1, opacity: 0, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}
        onChange={(e) => {
          const picked = Array.from(e.target.files ?? []).filter((f) => f.type.startsWith('image/') || f.type === '');
          if (picked.length) onAdd(picked.slice(0, MAX_ITEM_PHOTOS - photos.length));
          e.target.value = '';
        }}
      />
    </div>
  );
}
