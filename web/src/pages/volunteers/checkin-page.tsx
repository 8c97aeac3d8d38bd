/**
 * 扫码签到 on the volunteer's phone: the camera reads the QR code the organiser's phone shows (the browser's
 * BarcodeDetector where there is one, jsQR on the camera's frames elsewhere), or the code is typed in; the same scan
 * checks in the first time and out the second. The device's position goes with it: outside the activity's range the
 * server refuses (422 outside_geofence) and the volunteer may still check in, recorded as outside for the organiser
 * to confirm. Expired, used and unknown codes are said in plain Chinese.
 */
import { CameraOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Result, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useCheckin, type Checkin } from '../../api/volunteers';
import { PageTitle } from '../../components/page-title';
import { hoursText } from './volunteer-format';

type Located = { lat: number; lng: number; accuracy?: number };

/** What a refused scan says (the server's own message for anything else). */
const MESSAGES: Record<string, string> = {
  code_expired: '签到码已过期：请扫描组织者手机上正在显示的最新二维码',
  code_used: '这个签到码您已经扫过了：请等组织者手机上的二维码更换后再扫',
  code_invalid: '签到码无效：请确认扫描的是本次活动组织者手机上的二维码',
  not_signed_up: '您没有报名这个活动，不能签到',
};

interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<Array<{ rawValue: string }>>;
}
declare global {
  interface Window {
    BarcodeDetector?: new (options: { formats: string[] }) => BarcodeDetectorLike;
  }
}

/** The device's position now (null when it cannot be had within 8 s). */
function locate(): Promise<Located | null> {
  if (!navigator.geolocation) return Promise.resolve(null);
  return new Promise((resolve) =>
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: +p.coords.latitude.toFixed(6), lng: +p.coords.longitude.toFixed(6), accuracy: Math.round(p.coords.accuracy) }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 8000, maximumAge: 10_000 },
    ),
  );
}

export default function CheckinPage() {
  const checkin = useCheckin();
  // Opened from an activity's page: six typed digits are that activity's (the code under the organiser's QR).
  const activityId = useSearchParams()[0].get('activity');
  const [manual, setManual] = useState('');
  const [error, setError] = useState<{ message: string; outside?: boolean; code?: string } | null>(null);
  const [done, setDone] = useState<Checkin | null>(null);
  const [position, setPosition] = useState<Located | null | 'pending'>('pending');
  const [scanning, setScanning] = useState(false);
  const [cameraNote, setCameraNote] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const busy = useRef(false);

  useEffect(() => {
    locate().then(setPosition);
  }, []);

  const stopCamera = useCallback(() => {
    stream.current?.getTracks().forEach((t) => t.stop());
    stream.current = null;
    setScanning(false);
  }, []);
  useEffect(() => stopCamera, [stopCamera]);

  const send = useCallback(
    async (code: string, acceptOutside = false) => {
      if (busy.current) return;
      busy.current = true;
      setError(null);
      try {
        const here = await locate();
        setPosition(here);
        const r = await checkin.mutateAsync({ code: code.trim(), location: here, ...(acceptOutside ? { acceptOutside: true } : {}) });
        setDone(r);
        setManual('');
      } catch (e) {
        if (e instanceof ApiError && e.code === 'outside_geofence') setError({ message: e.message, outside: true, code });
        // A typed code's refusal is the server's own words (it names the 6 digits); a scan's, the plainer ones here.
        else if (e instanceof ApiError) setError({ message: (code.startsWith('CCV1M.') ? null : MESSAGES[e.code]) ?? e.message });
        else setError({ message: '签到失败，请检查网络后重试' });
      } finally {
        busy.current = false;
      }
    },
    [checkin],
  );

  const startCamera = async () => {
    setCameraNote(null);
    setDone(null);
    if (!navigator.mediaDevices?.getUserMedia) {
      setCameraNote('此浏览器不能打开摄像头，请在下方输入签到码');
      return;
    }
    try {
      stream.current = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch {
      setCameraNote('无法打开摄像头（未授权或被占用），请在下方输入签到码');
      return;
    }
    setScanning(true);
  };

  // Reads frames while the camera is on: BarcodeDetector where the browser has it, jsQR (loaded on first use) elsewhere.
  useEffect(() => {
    if (!scanning || !video.current || !stream.current) return;
    const el = video.current;
    el.srcObject = stream.current;
    void el.play().catch(() => undefined);
    let stopped = false;
    const canvas = document.createElement('canvas');
    const detector = window.BarcodeDetector ? new window.BarcodeDetector({ formats: ['qr_code'] }) : null;
    let jsQR: typeof import('jsqr').default | null = null;
    const tick = async () => {
      if (stopped) return;
      if (el.readyState >= 2 && el.videoWidth > 0) {
        let text: string | null = null;
        try {
          if (detector) {
            text = (await detector.detect(el))[0]?.rawValue ?? null;
          } else {
            jsQR ??= (await import('jsqr')).default;
            const w = Math.min(640, el.videoWidth);
            const h = Math.round((el.videoHeight * w) / el.videoWidth);
            canvas.width = w;
            canvas.height = h;
            const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
            ctx.drawImage(el, 0, 0, w, h);
            text = jsQR(ctx.getImageData(0, 0, w, h).data, w, h, { inversionAttempts: 'dontInvert' })?.data ?? null;
          }
        } catch {
          // A frame that cannot be read: the next one is tried.
        }
        if (text && !stopped) {
          stopped = true;
          stopCamera();
          void send(text);
          return;
        }
      }
      setTimeout(() => void tick(), 250);
    };
    void tick();
    return () => {
      stopped = true;
    };
  }, [scanning, send, stopCamera]);

  return (
    <div style={{ maxWidth: 520, margin: '0 auto' }}>
      <PageTitle title="扫码签到" subTitle="到达活动地点后，扫描组织者手机上的二维码签到；离开时再扫一次签退" />
      {done && (
        <Result
          status="success"
          style={{ padding: '16px 0' }}
          title={done.direction === 'in' ? '签到成功' : '签退成功'}
          subTitle={
            <>
              {new Date(done.at as string).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' })}
              {done.direction === 'out' && done.minutes !== null && `，本次服务 ${hoursText(done.minutes)}（待组织者认证）`}
              {done.outside && `。您在签到范围外（约 ${done.distanceM ?? '?'} 米），需组织者确认`}
            </>
          }
          extra={
            <Space wrap style={{ justifyContent: 'center' }}>
              <Link to={`/volunteers/activities/${done.activityId}`}>
                <Button>查看活动</Button>
              </Link>
              <Link to="/volunteers/me">
                <Button type="primary">我的志愿</Button>
              </Link>
            </Space>
          }
        />
      )}
      {error && (
        <Alert
          type={error.outside ? 'warning' : 'error'}
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={error.message}
          description={
            error.outside && (
              <Space direction="vertical" style={{ marginTop: 4 }}>
                <span>如果您确实在活动现场（定位有偏差），可以仍然签到，由组织者确认后计入时长。</span>
                <Button type="primary" loading={checkin.isPending} onClick={() => void send(error.code!, true)}>
                  仍要签到（需组织者确认）
                </Button>
              </Space>
            )
          }
        />
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        {scanning ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <video
              ref={video}
              muted
              playsInline
              aria-label="摄像头画面"
              style={{ width: '100%', borderRadius: 8, background: '#000', aspectRatio: '1', objectFit: 'cover' }}
            />
            <Typography.Text type="secondary">将二维码放在画面中间，识别后自动签到</Typography.Text>
            <Button block onClick={stopCamera}>
              关闭摄像头
            </Button>
          </Space>
        ) : (
          <Button type="primary" size="large" block icon={<CameraOutlined aria-hidden />} onClick={startCamera} loading={checkin.isPending}>
            扫描二维码
          </Button>
        )}
        {cameraNote && (
          <Typography.Paragraph type="warning" style={{ marginTop: 8, marginBottom: 0 }}>
            {cameraNote}
          </Typography.Paragraph>
        )}
      </Card>
      <Card size="small" title="无法扫码时：输入签到码" style={{ marginBottom: 12 }}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const typed = manual.trim();
            if (/^\d{6}$/.test(typed)) {
              if (activityId) void send(`CCV1M.${activityId}.${typed}`);
              else setError({ message: '输入 6 位数字签到码，请先打开所报名的活动，点“扫码签到”进入本页' });
            } else if (typed.length < 10) setError({ message: '请填写组织者手机上二维码下方的 6 位数字签到码' });
            else void send(typed);
          }}
        >
          <Space.Compact style={{ width: '100%' }}>
            <Input
              size="large"
              aria-label="签到码"
              placeholder="二维码下方的 6 位数字"
              value={manual}
              inputMode="numeric"
              autoCapitalize="off"
              autoComplete="off"
              onChange={(e) => setManual(e.target.value)}
            />
            <Button size="large" type="primary" htmlType="submit" loading={checkin.isPending}>
              提交
            </Button>
          </Space.Compact>
        </form>
      </Card>
      <Typography.Text type="secondary">
        <EnvironmentOutlined aria-hidden />{' '}
        {position === 'pending'
          ? '正在获取位置…'
          : position
            ? `已获取位置（精度约 ${position.accuracy ?? '?'} 米），签到时一并提交`
            : '未能获取位置：请允许浏览器使用位置信息，否则签到需组织者确认'}
      </Typography.Text>
    </div>
  );
}
