/**
 * 公众链接 of a wave, one per town (`/s/<publicToken>?town=<townId>`: the public page preselects the town), each with a
 * QR code drawn in the browser (the `qrcode` package, loaded on first use — no image service sees the link) and a copy
 * button. The links work only while the wave is 调查中.
 */
import { CopyOutlined, QrcodeOutlined } from '@ant-design/icons';
import { App, Button, Modal, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';

export function publicLink(token: string, townId: string): string {
  return `${window.location.origin}/s/${token}?town=${encodeURIComponent(townId)}`;
}

function QrImage({ text, label }: { text: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    import('qrcode')
      .then((qr) => qr.toDataURL(text, { width: 280, margin: 2, errorCorrectionLevel: 'M' }))
      .then((url) => live && setSrc(url))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [text]);
  if (failed) return <Typography.Text type="danger">二维码生成失败，请复制链接使用</Typography.Text>;
  if (!src) return <div style={{ width: 280, height: 280 }} aria-busy="true" />;
  return <img src={src} alt={label} width={280} height={280} data-testid="public-qr" />;
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function WavePublicLinks({ token, towns, open }: { token: string; towns: Array<{ id: string; name: string }>; open: boolean }) {
  const { message } = App.useApp();
  const [shown, setShown] = useState<{ id: string; name: string } | null>(null);
  const onCopy = async (link: string) => {
    if (await copy(link)) message.success('链接已复制');
    else message.warning('无法访问剪贴板，请手动选中复制');
  };
  return (
    <>
      {!open && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          公众链接在调查中可用；筹备中或已结束时打开链接会看到说明。
        </Typography.Paragraph>
      )}
      <div style={{ display: 'grid', gap: 8 }}>
        {towns.map((t) => {
          const link = publicLink(token, t.id);
          return (
            <div key={t.id} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', minWidth: 0 }}>
              <strong style={{ minWidth: 96 }}>{t.name}</strong>
              <Typography.Text
                code
                style={{ flex: '1 1 200px', minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                title={link}
              >
                {link}
              </Typography.Text>
              <Space size={4}>
                <Button
                  size="small"
                  icon={<CopyOutlined aria-hidden />}
                  onClick={() => void onCopy(link)}
                  aria-label={`复制${t.name}公众链接`}
                >
                  复制
                </Button>
                <Button size="small" icon={<QrcodeOutlined aria-hidden />} onClick={() => setShown(t)} aria-label={`${t.name}二维码`}>
                  二维码
                </Button>
              </Space>
            </div>
          );
        })}
      </div>
      <Modal
        open={!!shown}
        title={shown ? `${shown.name} · 公众链接二维码` : ''}
        footer={null}
        onCancel={() => setShown(null)}
        width={340}
        destroyOnHidden
      >
        {shown && (
          <div style={{ textAlign: 'center' }}>
            <QrImage text={publicLink(token, shown.id)} label={`${shown.name}公众链接二维码`} />
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              右键或长按图片可保存，印在告示、海报上供群众扫码填写。
            </Typography.Paragraph>
          </div>
        )}
      </Modal>
    </>
  );
}
