/**
 * 问卷 (the questionnaires tab of /surveys): the newest version of each questionnaire with its question count and the
 * waves using it; 新建问卷 (blank or from a starter template), 导入 (.xlsx: a sheet of questions, a sheet of choices),
 * 导出 and 编辑.
 */
import { DownOutlined, InboxOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Dropdown, Input, Modal, Radio, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../api/auth';
import { ApiError } from '../../api/client';
import {
  downloadQuestionnaire,
  useCreateQuestionnaireFromTemplate,
  useImportQuestionnaire,
  useQuestionnaires,
  useQuestionnaireTemplates,
  type QuestionnaireSummary,
} from '../../api/surveys';
import { formatTime } from '../../components/format';
import { ImportErrors, type ImportFailure } from '../../components/import-errors';
import { notifyError } from '../../components/notify';
import { RegionTreeSelect } from '../../components/region-tree-select';
import { ResponsiveList } from '../../components/responsive-list';
import { SearchBox } from '../../components/search-box';
import { useTableState } from '../../components/use-table-state';

const FILTERS = ['search', 'regionId'] as const;

function RegionField({ value, onChange }: { value?: string; onChange: (v?: string) => void }) {
  return (
    <label style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
      <Typography.Text type="secondary">所属区划</Typography.Text>
      <RegionTreeSelect
        aria-label="所属区划"
        value={value}
        onChange={(v) => onChange(v === undefined ? undefined : String(v))}
        style={{ width: '100%' }}
      />
    </label>
  );
}

/** 从模板新建: a starter questionnaire copied into a region, then opened in the builder. */
function TemplateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { data: session } = useSession();
  const templates = useQuestionnaireTemplates(open);
  const create = useCreateQuestionnaireFromTemplate();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [template, setTemplate] = useState<string>();
  const [regionId, setRegionId] = useState<string | undefined>(session?.user.regionId ?? undefined);
  const submit = async () => {
    if (!template || !regionId) return;
    const saved = await create.mutateAsync({ template, regionId });
    message.success('已按模板建立问卷，可继续修改');
    onClose();
    navigate(`/surveys/questionnaires/${saved.id}`);
  };
  return (
    <Modal
      title="从模板新建问卷"
      open={open}
      onCancel={onClose}
      destroyOnHidden
      okText="建立"
      cancelText="取消"
      okButtonProps={{ disabled: !template || !regionId, loading: create.isPending }}
      onOk={submit}
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        {templates.isError && <Alert type="error" showIcon title="模板加载失败，请稍后重试" />}
        <Radio.Group value={template} onChange={(e) => setTemplate(e.target.value as string)} style={{ width: '100%' }}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            {(templates.data ?? []).map((t) => (
              <Radio key={t.code} value={t.code}>
                <strong>{t.name}</strong>（{t.questionCount} 题）
                <div style={{ color: '#666', fontSize: 12 }}>{t.description}</div>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
        <RegionField value={regionId} onChange={setRegionId} />
      </Space>
    </Modal>
  );
}

/** 导入: an .xlsx made from the template (问题 sheet, 选项 sheet); every bad row is listed and nothing is imported. */
function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { data: session } = useSession();
  const importFile = useImportQuestionnaire();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [failure, setFailure] = useState<ImportFailure | null>(null);
  const [regionId, setRegionId] = useState<string | undefined>(session?.user.regionId ?? undefined);
  const [name, setName] = useState('');
  const submit = () => {
    if (!file || !regionId || !name.trim()) return;
    setFailure(null);
    importFile.mutate(
      { file, regionId, name: name.trim() },
      {
        onSuccess: (saved) => {
          message.success('问卷已导入');
          onClose();
          navigate(`/surveys/questionnaires/${saved.id}`);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status !== 401) setFailure({ message: error.message, rows: error.rows ?? [] });
        },
      },
    );
  };
  return (
    <Modal
      title="导入问卷"
      open={open}
      width={720}
      destroyOnHidden
      onCancel={onClose}
      afterClose={() => {
        setFile(null);
        setFailure(null);
        setName('');
      }}
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" disabled={!file || !regionId || !name.trim()} loading={importFile.isPending} onClick={submit}>
            开始导入
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          文件格式与“导出”相同：“题目”表每行一题（部分、题目编码、题型、题目、计入指标、显示条件），“选项”表每行一个选项，“设置”表为标题、开场白、调查对象和受访条件。可先导出一份问卷，修改后再导入。导入后生成一份新问卷（v1）；任何一行有误时不会导入。
        </Typography.Paragraph>
        <label style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
          <Typography.Text type="secondary">问卷名称</Typography.Text>
          <Input aria-label="导入问卷名称" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        </label>
        <RegionField value={regionId} onChange={setRegionId} />
        <Upload.Dragger
          accept=".xlsx"
          maxCount={1}
          fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
          beforeUpload={(picked) => {
            setFile(picked);
            setFailure(null);
            return false;
          }}
          onRemove={() => setFile(null)}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined aria-hidden />
          </p>
          <p className="ant-upload-text">点击或拖拽 .xlsx 文件到此处</p>
        </Upload.Dragger>
        {failure && <ImportErrors failure={failure} />}
      </Space>
    </Modal>
  );
}

function ExportLink({ q }: { q: QuestionnaireSummary }) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      type="link"
      size="small"
      loading={busy}
      style={{ paddingInline: 4 }}
      aria-label={`导出问卷${q.name}`}
      onClick={async () => {
        setBusy(true);
        try {
          await downloadQuestionnaire(q.id, `${q.name}（v${q.version}）`);
        } catch (error) {
          notifyError(error);
        } finally {
          setBusy(false);
        }
      }}
    >
      导出
    </Button>
  );
}

export function QuestionnaireList({ manage }: { manage: boolean }) {
  const table = useTableState(FILTERS);
  const { filters, params } = table;
  const list = useQuestionnaires({ search: filters.search, regionId: filters.regionId, page: params.page, pageSize: params.pageSize });
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<'template' | 'import'>();
  const actions = (q: QuestionnaireSummary) => (
    <Space size={0} wrap>
      <Link to={`/surveys/questionnaires/${q.id}`} style={{ padding: '0 4px' }}>
        {manage && q.abilities.update ? '编辑' : '查看'}
      </Link>
      <ExportLink q={q} />
    </Space>
  );
  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
        <SearchBox
          label="搜索问卷"
          placeholder="问卷名称"
          value={filters.search}
          onSearch={(search) => table.setFilters({ search })}
          width={220}
        />
        <RegionTreeSelect
          aria-label="筛选区划"
          placeholder="区划"
          value={filters.regionId}
          onChange={(v) => table.setFilters({ regionId: v === undefined ? undefined : String(v) })}
          style={{ width: 180, maxWidth: '100%' }}
        />
        {manage && (
          <Space wrap style={{ marginInlineStart: 'auto' }}>
            <Button icon={<UploadOutlined aria-hidden />} onClick={() => setDialog('import')}>
              导入
            </Button>
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'blank', label: '空白问卷' },
                  { key: 'template', label: '从模板新建…' },
                ],
                onClick: ({ key }) => (key === 'blank' ? navigate('/surveys/questionnaires/new') : setDialog('template')),
              }}
            >
              <Button type="primary" icon={<PlusOutlined aria-hidden />}>
                新建问卷 <DownOutlined aria-hidden />
              </Button>
            </Dropdown>
          </Space>
        )}
      </div>
      <ResponsiveList<QuestionnaireSummary>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: manage ? '暂无问卷：点“新建问卷”从空白或模板开始，或导入 .xlsx' : '暂无问卷' }}
        onChange={table.onChange}
        pagination={table.pagination(list.data?.total)}
        cardHref={(q) => `/surveys/questionnaires/${q.id}`}
        cardLabel={(q) => `打开问卷${q.name}`}
        card={(q) => (
          <div>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <strong style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{q.name}</strong>
              <Tag style={{ marginInlineEnd: 0 }}>v{q.version}</Tag>
            </div>
            <div style={{ color: '#666' }}>
              {q.questionCount} 题 · {q.waveCount ? `${q.waveCount} 个调查在用` : '未被调查使用'} · {q.regionName}
            </div>
            {q.retired && <Tag>已停用</Tag>}
          </div>
        )}
        cardActions={(q) => <ExportLink q={q} />}
        columns={[
          {
            title: '问卷名称',
            dataIndex: 'name',
            render: (name: string, q) => (
              <Space size={4} wrap>
                <Link to={`/surveys/questionnaires/${q.id}`}>{name}</Link>
                {q.retired && <Tag>已停用</Tag>}
              </Space>
            ),
          },
          { title: '版本', dataIndex: 'version', render: (v: number) => `v${v}` },
          { title: '题数', dataIndex: 'questionCount', align: 'right' },
          {
            title: '使用调查数',
            dataIndex: 'waveCount',
            align: 'right',
            render: (n: number) => (n ? <span title="已被调查使用的版本内容冻结，修改时生成新版本">{n}</span> : '—'),
          },
          { title: '区划', dataIndex: 'regionName' },
          {
            title: '建立',
            key: 'created',
            render: (_: unknown, q) => `${q.createdByName ?? ''} ${formatTime(q.createdAt)}`,
          },
          { title: '操作', key: 'actions', render: (_: unknown, q) => actions(q) },
        ]}
      />
      <TemplateDialog open={dialog === 'template'} onClose={() => setDialog(undefined)} />
      <ImportDialog open={dialog === 'import'} onClose={() => setDialog(undefined)} />
    </>
  );
}
