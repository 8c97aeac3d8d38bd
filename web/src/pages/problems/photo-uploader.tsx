/** Photo upload for action forms: each photo goes to POST /api/files at once; the value is the list of file ids. */
import { PlusOutlined } from '@ant-design/icons';
import { Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { uploadPhoto, type UploadedFile } from '../../api/files';
import { notifyError } from '../../components/notify';

interface Props {
  value?: string[];
  onChange?: (ids: string[]) => void;
  max?: number;
  /** Accessible name of the picker, e.g. 上传整改后照片. */
  label?: string;
  id?: string;
}

/** Picture-card uploader (accepts camera or gallery on phones). */
export function PhotoUploader({ onChange, max = 9, label = '上传照片', id }: Props) {
  const [fileList, setFileList] = useState<UploadFile<UploadedFile>[]>([]);

  const handleChange = (list: UploadFile<UploadedFile>[]) => {
    const withThumbs = list.map((f) =>
      f.response?.thumbnailUrl ? { ...f, thumbUrl: f.response.thumbnailUrl, url: f.response.evidenceUrl } : f,
    );
    setFileList(withThumbs);
    onChange?.(withThumbs.filter((f) => f.status === 'done' && f.response?.id).map((f) => f.response!.id));
  };

  return (
    <Upload<UploadedFile>
      id={id}
      accept="image/*"
      multiple
      listType="picture-card"
      fileList={fileList}
      maxCount={max}
      onChange={({ fileList: list }) => handleChange(list)}
      customRequest={async ({ file, onSuccess, onError }) => {
        try {
          const f = file as File;
          onSuccess?.(await uploadPhoto(f, f.name));
        } catch (error) {
          notifyError(error);
          onError?.(error as Error);
        }
      }}
    >
      {fileList.length < max && (
        <button type="button" aria-label={label} style={{ border: 0, background: 'none', cursor: 'pointer' }}>
          <PlusOutlined aria-hidden />
          <div style={{ marginTop: 8 }}>{label}</div>
        </button>
      )}
    </Upload>
  );
}
