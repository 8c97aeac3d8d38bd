/**
 * 任务进度 (the 任务进度设置 card): the monthly progress report's due day, how many days before it the lead unit's head
 * is reminded, when a late task gets its 督办单 and when it goes to the responsible leader, and how many days before a
 * project milestone the owner unit is reminded — as they apply in the caller's region, with where they come from. The
 * office of the region edits them (confirmed before saving) or drops its own values to inherit again.
 */
import type { TaskSettingsInput } from '@common/contracts';
import { TASK_SETTINGS_BOUNDS, type TaskSettingsValues } from '@common/tasks';
import { Alert, App, Button, Card, Descriptions, Form, Grid, InputNumber, Popconfirm, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { useResetTaskSettings, useSaveTaskSettings, useTaskSettings, type TaskSettings } from '../../api/task-settings';
import { notifyError, notifySuccess } from '../../components/notify';

type Key = keyof TaskSettingsValues;

const FIELDS: Array<{ key: Key; unit: string; help: string; text: (n: number) => string }> = [
  { key: 'progressDueDay', unit: '日', help: '每月此日前报送当月进度（1–28 日，每个月都有这一天）', text: (n) => `每月 ${n} 日` },
  { key: 'remindDaysBefore', unit: '天', help: '报送日前几天提醒牵头单位负责人（0 表示报送日当天提醒）', text: (n) => `提前 ${n} 天` },
  { key: 'escalateAfterDays', unit: '天', help: '任务超过完成时限几天仍未完成，发督办单', text: (n) => `逾期 ${n} 天` },
  { key: 'leaderAfterDays', unit: '天', help: '督办单发出几天后仍未完成，提请责任领导督办', text: (n) => `督办后 ${n} 天` },
  { key: 'milestoneRemindDays', unit: '天', help: '项目节点计划日期前几天提醒责任单位（逾期即通报创建办）', text: (n) => `提前 ${n} 天` },
];

const sourceTag = (s: TaskSettings) =>
  s.settings.regionId === null ? (
    <Tag>平台默认</Tag>
  ) : s.settings.inherited ? (
    <Tag color="blue">继承自{s.settings.regionName ?? '上级'}</Tag>
  ) : (
    <Tag color="green">本级设置</Tag>
  );

const valuesOf = (s: TaskSettings): TaskSettingsValues => ({
  progressDueDay: s.settings.progressDueDay,
  remindDaysBefore: s.settings.remindDaysBefore,
  escalateAfterDays: s.settings.escalateAfterDays,
  leaderAfterDays: s.settings.leaderAfterDays,
  milestoneRemindDays: s.settings.milestoneRemindDays,
});

/** The tab body: one card. */
export function TaskSettingsTab() {
  const { modal } = App.useApp();
  const settings = useTaskSettings();
  const save = useSaveTaskSettings();
  const reset = useResetTaskSettings();
  const [form] = Form.useForm<TaskSettingsValues>();
  const [conflict, setConflict] = useState(false);
  const data = settings.data;
  const region = data?.region ?? null;
  const canEdit = !!data?.abilities.update && !!region;
  const isPhone = Grid.useBreakpoint().md === false;

  useEffect(() => {
    if (data) form.setFieldsValue(valuesOf(data));
  }, [data, form]);

  const submit = async (values: TaskSettingsValues) => {
    if (!data || !region) return;
    const changed = FIELDS.filter((f) => values[f.key] !== data.settings[f.key]);
    if (!changed.length && !data.settings.inherited) {
      notifySuccess('设置没有变化');
      return;
    }
    modal.confirm({
      title: `确认修改${region.name}的任务进度设置？`,
      content: (
        <>
          {(changed.length ? changed : FIELDS).map((f) => (
            <div key={f.key}>
              {TASK_SETTINGS_BOUNDS[f.key].label}：{f.text(data.settings[f.key])} → {f.text(values[f.key])}
            </div>
          ))}
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            保存后{region.name}及未单独设置的下级区域按新设置提醒、判定逾期报送和督办；已报送的进度不重新判定。
          </Typography.Paragraph>
        </>
      ),
      okText: '确认保存',
      cancelText: '取消',
      onOk: async () => {
        const body: TaskSettingsInput = { ...values, version: data.settings.inherited ? null : data.settings.version };
        try {
          await save.mutateAsync({ regionId: region.id, values: body });
          setConflict(false);
          notifySuccess('任务进度设置已保存');
        } catch (error) {
          if (error instanceof ApiError && error.code === 'version_conflict') {
            await settings.refetch();
            setConflict(true);
          } else notifyError(error);
        }
      },
    });
  };

  return (
    <Card title="任务进度" variant="outlined" style={{ maxWidth: 760 }} loading={settings.isLoading}>
      <Typography.Paragraph type="secondary">
        {region ? `当前区域：${region.name}。` : ''}
        牵头单位每月按报送日前报送任务进度，逾期报送计入汇报及时率；任务逾期自动发督办单，仍未完成则提请责任领导督办；项目节点到期前提醒责任单位。下级区域未单独设置的沿用上级设置。
      </Typography.Paragraph>
      {settings.isError && <Alert type="error" showIcon title={`设置加载失败：${settings.error.message}`} />}
      {data && !canEdit && (
        <Descriptions
          bordered
          size="small"
          column={1}
          items={FIELDS.map((f) => ({
            key: f.key,
            label: TASK_SETTINGS_BOUNDS[f.key].label,
            children: (
              <>
                {f.text(data.settings[f.key])} {sourceTag(data)}
              </>
            ),
          }))}
        />
      )}
      {data && canEdit && (
        <>
          {conflict && (
            <Alert
              type="warning"
              showIcon
              role="alert"
              style={{ marginBottom: 16 }}
              title="保存失败：设置刚被他人修改"
              description="已重新加载当前设置，请核对后重新保存。"
            />
          )}
          <Space style={{ marginBottom: 12 }}>
            <span>来源：</span>
            {sourceTag(data)}
          </Space>
          <Form<TaskSettingsValues>
            name="task-settings"
            form={form}
            layout={isPhone ? 'vertical' : 'horizontal'}
            labelCol={isPhone ? undefined : { flex: '190px' }}
            onFinish={submit}
            onValuesChange={() => setConflict(false)}
          >
            {FIELDS.map((f) => {
              const b = TASK_SETTINGS_BOUNDS[f.key];
              return (
                <Form.Item
                  key={f.key}
                  label={b.label}
                  name={f.key}
                  extra={f.help}
                  rules={[
                    { required: true, message: `请填写${b.label}` },
                    { type: 'integer', min: b.min, max: b.max, message: `${b.label}须为 ${b.min}–${b.max} 之间的整数` },
                  ]}
                >
                  <InputNumber precision={0} suffix={f.unit} inputMode="numeric" style={{ width: 140 }} aria-label={b.label} />
                </Form.Item>
              );
            })}
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                保存
              </Button>
              {data.abilities.reset && region && (
                <Popconfirm
                  title="恢复继承上级的任务进度设置？"
                  description="删除本级设置后，按上级区域（或平台默认）的设置执行。"
                  okText="恢复继承"
                  cancelText="取消"
                  onConfirm={() =>
                    reset
                      .mutateAsync(region.id)
                      .then(() => notifySuccess('已恢复继承上级的任务进度设置'))
                      .catch(() => undefined)
                  }
                >
                  <Button>恢复继承</Button>
                </Popconfirm>
              )}
            </Space>
          </Form>
        </>
      )}
    </Card>
  );
}
