/**
 * A report's evidence: photos as thumbnails opening the watermarked copy, and documents (PDF, Word, Excel, scans) as a
 * list with a type icon, the size and a download link (GET /api/tasks/:id/evidence/:fileId).
 */
import { FileExcelOutlined, FileImageOutlined, FileOutlined, FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { Image, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { fileUrls } from '../../api/files';
import type { Progress } from '../../api/plans';

type Evidence = Progress['files'][number];

/** The icon of a document by its (detected) type. */
export function documentIcon(mime: string): ReactNode {
  if (mime === 'application/pdf') return <FilePdfOutlined style={{ color: '#cf1322' }} aria-label="PDF 文件" />;
  if (mime.includes('word') || mime === 'application/msword')
    return <FileWordOutlined style={{ color: '#1677ff' }} aria-label="Word 文件" />;
  if (mime.includes('sheet')) return <FileExcelOutlined style={{ color: '#389e0d' }} aria-label="Excel 文件" />;
  if (mime.startsWith('image/')) return <FileImageOutlined style={{ color: '#d48806' }} aria-label="图片文件" />;
  return <FileOutlined aria-label="文件" />;
}

/** 1 234 567 bytes → '1.2 MB'. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** '3 张照片、2 个文件' for a list cell. */
export function evidenceCount(files: Evidence[]): string {
  const photos = files.filter((f) => f.kind === 'photo').length;
  const docs = files.length - photos;
  const parts = [photos ? `${photos} 张照片` : '', docs ? `${docs} 个文件` : ''].filter(Boolean);
  return parts.length ? parts.join('、') : '无';
}

export function ProgressFiles({ files }: { files: Progress['files'] }) {
  if (!files.length) return <Typography.Text type="secondary">无佐证材料</Typography.Text>;
  const photos = files.filter((f) => f.kind === 'photo');
  const documents = files.filter((f) => f.kind === 'document');
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {photos.length > 0 && (
        <Image.PreviewGroup>
          <Space wrap size={8}>
            {photos.map((f) => (
              <Image
                key={f.id}
                width={72}
                height={72}
                style={{ objectFit: 'cover', borderRadius: 4 }}
                src={fileUrls(f.id).thumbnailUrl}
                preview={{ src: f.url }}
                alt={`佐证材料 ${f.name}`}
              />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      {documents.length > 0 && (
        <ul aria-label="佐证文件" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {documents.map((f) => (
            <li key={f.id} style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '4px 0', minWidth: 0 }}>
              <span style={{ fontSize: 18, lineHeight: 1 }}>{documentIcon(f.mime)}</span>
              <Typography.Link href={f.url} download={f.name} ellipsis style={{ flex: '0 1 auto', minWidth: 0 }} title={`下载 ${f.name}`}>
                {f.name}
              </Typography.Link>
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {formatSize(f.size)}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </Space>
  );
}
