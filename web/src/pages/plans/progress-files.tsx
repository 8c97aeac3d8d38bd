/** A report's evidence photos as thumbnails opening the watermarked copy. */
import { Image, Space, Typography } from 'antd';
import { fileUrls } from '../../api/files';
import type { Progress } from '../../api/plans';

export function ProgressFiles({ files }: { files: Progress['files'] }) {
  if (!files.length) return <Typography.Text type="secondary">无佐证材料</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <Space wrap size={8}>
        {files.map((f) => (
          <Image
            key={f.id}
            width={72}
            height={72}
            style={{ objectFit: 'cover', borderRadius: 4 }}
            src={fileUrls(f.id).thumbnailUrl}
            preview={{ src: fileUrls(f.id).evidenceUrl }}
            alt={`佐证材料 ${f.name}`}
          />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}
