/** 好人之城 on screen: tags for phases and nomination states, the schedule line, a photo picker for forms. */
import { CameraOutlined } from '@ant-design/icons';
import {
  NOMINATION_SOURCE_LABELS,
  NOMINATION_STATE_LABELS,
  SELECTION_PHASE_LABELS,
  type NominationSource,
  type NominationState,
  type SelectionPhase,
} from '@common/honours';
import { Tag, Upload, type UploadFile } from 'antd';
import { uploadPhoto, type UploadedFile } from '../../api/files';
import { notifyError } from '../../components/notify';

const PHASE_COLORS: Record<SelectionPhase, string> = {
  upcoming: 'default',
  nominating: 'blue',
  verifying: 'gold',
  voting: 'red',
  reviewing: 'purple',
  published: 'green',
};

export function PhaseTag({ phase }: { phase: SelectionPhase }) {
  return <Tag color={PHASE_COLORS[phase]}>{SELECTION_PHASE_LABELS[phase]}</Tag>;
}

const STATE_COLORS: Record<NominationState, string> = { submitted: 'gold', approved: 'green', rejected: 'default' };
export function NominationStateTag({ state, isWinner }: { state: NominationState; isWinner?: boolean }) {
  if (isWinner) return <Tag color="red">当选</Tag>;
  return <Tag color={STATE_COLORS[state]}>{NOMINATION_STATE_LABELS[state]}</Tag>;
}

export function SourceTag({ source }: { source: NominationSource }) {
  return <Tag color={source === 'public' ? 'cyan' : source === 'forwarded' ? 'purple' : 'blue'}>{NOMINATION_SOURCE_LABELS[source]}</Tag>;
}

/** 11-01 至 11-07 style ranges. */
export const dayRange = (a: string, b: string) => `${a} 至 ${b}`;

/** A selection's places per category as read: "孝老爱亲 1 名、见义勇为 2 名" (empty: none set). */
export const quotaList = (quotas: Record<string, number>, categories: { code: string; name: string }[] | undefined) =>
  Object.entries(quotas)
    .map(([code, n]) => `${categories?.find((c) => c.code === code)?.name ?? code} ${n} 名`)
    .join('、');

/** Photos (or scanned materials) uploaded through /api/files; `onChange` gets the stored ids. */
export function PhotoPicker({
  files,
  onChange,
  max = 6,
  label = '上传照片',
}: {
  files: UploadFile<{ id: string }>[];
  onChange: (files: UploadFile<{ id: string }>[]) => void;
  max?: number;
  label?: string;
}) {
  return (
    <Upload<UploadedFile | { id: string }>
      accept="image/*"
      multiple
      listType="picture-card"
      fileList={files}
      maxCount={max}
      onChange={({ fileList }) =>
        onChange(
          fileList.map((f) => {
            const r = f.response as UploadedFile | undefined;
            return r && 'thumbnailUrl' in r ? { ...f, thumbUrl: r.thumbnailUrl } : f;
          }) as UploadFile<{ id: string }>[],
        )
      }
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
      {files.length < max && (
        <button type="button" aria-label={label} style={{ border: 0, background: 'none', cursor: 'pointer' }}>
          <CameraOutlined aria-hidden style={{ fontSize: 20 }} />
          <div style={{ marginTop: 6 }}>{label}</div>
        </button>
      )}
    </Upload>
  );
}

/** The ids of the uploads that finished. */
export const uploadedIds = (files: UploadFile<{ id: string }>[]) =>
  files.map((f) => (f.response as { id?: string } | undefined)?.id).filter((x): x is string => !!x);
