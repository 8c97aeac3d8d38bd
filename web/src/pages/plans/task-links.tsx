/**
 * A task's links (issue 13: "optional links to standards (a task can close a 补短 gap) and sites"): the two searchable
 * pickers of the task form — the standards of the campaign's current standards version (grouped 测评项目 / 测评内容,
 * searched by code or text) and the sites in the caller's scope (searched on the server) — and how the task drawer
 * shows them, each a link to its page (the standard's version, the site) when the reader may open it.
 */
import { Empty, Select, Space, Tag, Typography } from 'antd';
import { useDeferredValue, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { hasPermission, useSession } from '../../api/auth';
import type { TaskLinks } from '../../api/plans';
import { useSites } from '../../api/sites';
import { useStandardVersions, useVersionTree } from '../../api/standards';

const short = (text: string, n = 36) => (text.length > n ? `${text.slice(0, n)}…` : text);

interface PickerProps {
  value?: string[];
  onChange?: (value: string[]) => void;
  id?: string;
}

/** 关联测评标准: the standards of the campaign's newest version; links kept from an older version stay selectable. */
export function StandardLinkSelect({ campaignId, known, ...props }: PickerProps & { campaignId: string; known: TaskLinks['standards'] }) {
  const versions = useStandardVersions(campaignId);
  const current = versions.data?.items[0];
  const tree = useVersionTree(current?.id);
  const options = useMemo(() => {
    const groups = (tree.data?.items ?? []).flatMap((item) =>
      item.children.map((content) => ({
        label: `${item.name} / ${content.name}`,
        title: `${item.name} / ${content.name}`,
        options: content.standards.map((s) => ({ value: s.id, label: `${s.code} ${short(s.text)}`, search: `${s.code} ${s.text}` })),
      })),
    );
    const inTree = new Set(groups.flatMap((g) => g.options.map((o) => o.value)));
    const older = known.filter((s) => !inTree.has(s.id));
    if (older.length)
      groups.unshift({
        label: '其他版本（已关联）',
        title: '其他版本（已关联）',
        options: older.map((s) => ({
          value: s.id,
          label: `${s.code} ${short(s.text)}（${s.versionName}）`,
          search: `${s.code} ${s.text}`,
        })),
      });
    return groups.filter((g) => g.options.length);
  }, [tree.data, known]);
  const loading = versions.isLoading || tree.isLoading;
  return (
    <Select
      {...props}
      mode="multiple"
      allowClear
      loading={loading}
      options={options}
      placeholder={loading ? '加载测评体系…' : current ? `从「${current.name}」中搜索标准编码或内容` : '该创建项目还没有测评体系（可不选）'}
      showSearch={{ optionFilterProp: 'search' }}
      maxTagTextLength={24}
      notFoundContent={loading ? '加载中…' : current ? '无匹配的测评标准' : '该创建项目还没有测评体系'}
    />
  );
}

/** 关联点位: the sites in the caller's scope, searched on the server (name or address), 50 at a time. */
export function SiteLinkSelect({ known, ...props }: PickerProps & { known: TaskLinks['sites'] }) {
  const [search, setSearch] = useState('');
  const [opened, setOpened] = useState(false);
  const deferred = useDeferredValue(search);
  const sites = useSites({ search: deferred || undefined, pageSize: 50, sort: 'name' }, opened);
  const options = useMemo(() => {
    const byId = new Map<string, { value: string; label: string }>();
    for (const s of known) byId.set(s.id, { value: s.id, label: `${s.name}（${s.siteTypeName} · ${s.regionName}）` });
    for (const s of sites.data?.items ?? []) byId.set(s.id, { value: s.id, label: `${s.name}（${s.siteTypeName} · ${s.regionName}）` });
    return [...byId.values()];
  }, [known, sites.data]);
  return (
    <Select
      {...props}
      mode="multiple"
      allowClear
      loading={sites.isFetching}
      options={options}
      placeholder="搜索点位名称，如 农贸市场"
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={(open) => (open ? setOpened(true) : setSearch(''))}
      maxTagTextLength={20}
      notFoundContent={sites.isFetching ? '加载中…' : '无匹配的点位'}
    />
  );
}

/** The drawer's 关联 row: the standards and sites by name, each a link when the reader may open its page. */
export function TaskLinksView({ links }: { links: TaskLinks }) {
  const session = useSession();
  const standardsPage = hasPermission(session.data, 'standards.list');
  const sitesPage = hasPermission(session.data, 'sites.list');
  if (!links.standards.length && !links.sites.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未关联测评标准或点位" style={{ margin: 0 }} />;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {links.standards.length > 0 && (
        <div>
          <Typography.Text type="secondary">测评标准 {links.standards.length} 条</Typography.Text>
          <ul aria-label="关联的测评标准" style={{ margin: '4px 0 0', paddingLeft: 18 }}>
            {links.standards.map((s) => (
              <li key={s.id} style={{ marginBottom: 4 }}>
                {standardsPage ? (
                  <Link to={`/standards/versions/${s.versionId}`} title={`在「${s.versionName}」中查看`}>
                    {s.code}
                  </Link>
                ) : (
                  <Typography.Text strong>{s.code}</Typography.Text>
                )}{' '}
                {s.text}
                {!s.current && (
                  <Tag color="default" style={{ marginLeft: 6 }}>
                    {s.versionName}（非现行版本）
                  </Tag>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {links.sites.length > 0 && (
        <div>
          <Typography.Text type="secondary">点位 {links.sites.length} 个</Typography.Text>
          <ul aria-label="关联的点位" style={{ margin: '4px 0 0', paddingLeft: 18 }}>
            {links.sites.map((s) => (
              <li key={s.id} style={{ marginBottom: 4 }}>
                {sitesPage ? <Link to={`/sites/${s.id}`}>{s.name}</Link> : <Typography.Text strong>{s.name}</Typography.Text>}
                <Typography.Text type="secondary">
                  {' '}
                  {s.siteTypeName} · {s.regionName}
                </Typography.Text>
                {!s.active && (
                  <Tag color="default" style={{ marginLeft: 6 }}>
                    已停用
                  </Tag>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Space>
  );
}
