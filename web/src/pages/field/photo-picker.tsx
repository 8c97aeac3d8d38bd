/** 拍照/选图: the phone's camera (or gallery), several photos, thumbnails with a remove button. */
import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useEffect, useState } from 'react';

export const MAX_PHOTOS = 9;

interface Props {
  photos: File[];
  onChange: (photos: File[]) => void;
}

/** Thumbnails of the picked photos (object URLs, released when they go). */
function Thumbs({ photos, onRemove }: { photos: File[]; onRemove: (i: number) => void }) {
  const [urls, setUrls] = useState<string[]>([]);
  useEffect(() => {
    const made = photos.map((f) => URL.createObjectURL(f));
    setUrls(made);
    return () => made.forEach((u) => URL.revokeObjectURL(u));
  }, [photos]);
  return (
    <>
      {urls.map((url, i) => (
        <div key={url} style={{ position: 'relative', width: 84, height: 84 }}>
          <img src={url} alt={`照片 ${i + 1}`} style={{ width: '100%', height: '100%', objectFit: 'cover', borderRadius: 8 }} />
          <button
            type="button"
            className="cc-photo-remove"
            aria-label={`移除照片 ${i + 1}`}
            onClick={() => onRemove(i)}
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
      ))}
    </>
  );
}

/** The picker. */
export function PhotoPicker({ photos, onChange }: Props) {
  const full = photos.length >= MAX_PHOTOS;
  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 10 }}>
        <Thumbs photos={photos} onRemove={(i) => onChange(photos.filter((_, j) => j !== i))} />
        {!full && (
          <label
            htmlFor="field_photos"
            style={{
              width: photos.length ? 84 : '100%',
              height: photos.length ? 84 : 120,
              border: '2px dashed #91caff',
              borderRadius: 10,
              background: '#f0f7ff',
              color: '#1677ff',
              display: 'flex',
              flexDirection: 'column',
              alignItems: 'center',
              justifyContent: 'center',
              gap: 4,
              cursor: 'pointer',
            }}
          >
            <CameraOutlined aria-hidden style={{ fontSize: photos.length ? 22 : 36 }} />
            <span style={{ fontSize: photos.length ? 12 : 16, fontWeight: 500 }}>{photos.length ? '再拍一张' : '拍照/选图'}</span>
          </label>
        )}
      </div>
      <input
        id="field_photos"
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        aria-label="拍照/选图"
        disabled={full}
        style={{ position: 'absolute', width: 1, height: 1, opacity: 0, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}
        onChange={(e) => {
          const picked = Array.from(e.target.files ?? []).filter((f) => f.type.startsWith('image/') || f.type === '');
          if (picked.length) onChange([...photos, ...picked].slice(0, MAX_PHOTOS));
          e.target.value = '';
        }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 6 }}>
        {photos.length ? `已选 ${photos.length} 张，最多 ${MAX_PHOTOS} 张` : '照片会带上拍摄时间和地点水印，作为整改前的取证'}
      </Typography.Text>
    </div>
  );
}
