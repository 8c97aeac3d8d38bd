/**
 * 推荐好人 (a unit or an office): the nominee, the category, a one-line deed and the story, photos and a contact
 * (kept for the office, never public). The form rules are the server's contract (common/contracts/honours.ts).
 */
import { nominationBody } from '@common/contracts/honours';
import { NOMINEE_LABELS } from '@common/honours';
import { Alert, Button, Form, Input, InputNumber, Radio, Select, Space, type UploadFile } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useHonourCategories, useNominate, useSelection, type NominationInput } from '../../api/honours';
import { notifySuccess } from '../../components/notify';
import { PageLoading } from '../../components/page-loading';
import { PageTitle } from '../../components/page-title';
import { fieldRule } from '../../components/zod-rule';
import { PhotoPicker, uploadedIds } from './honours-format';

const f = nominationBody.shape;

export default function NominatePage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const sel = useSelection(id);
  const categories = useHonourCategories();
  const nominate = useNominate();
  const [files, setFiles] = useState<UploadFile<{ id: string }>[]>([]);
  const [form] = Form.useForm();
  if (sel.isLoading) return <PageLoading />;
  if (!sel.data) return <Alert type="error" showIcon title="评选不存在或无权查看" />;
  const s = sel.data;
  if (!s.abilities.nominate) return <Alert type="warning" showIcon title="本次评选不在推荐时间内，或您不在推荐范围内" />;
  const submit = async (v: Record<string, unknown>) => {
    const saved = await nominate.mutateAsync({ ...(v as unknown as NominationInput), selectionId: s.id, photoIds: uploadedIds(files) });
    notifySuccess('推荐已提交，等待审核');
    navigate(`/honours/nominations/${saved.id}`);
  };
  return (
    <>
      <PageTitle title="推荐好人" subTitle={s.title} />
      <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 720 }}>
        <Form.Item name="nomineeName" label={NOMINEE_LABELS[s.kind]} rules={[fieldRule(f.nomineeName)]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="categoryCode" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
          <Select
            options={(categories.data?.items ?? [])
              .filter((c) => s.categories.includes(c.code))
              .map((c) => ({ value: c.code, label: c.name }))}
            aria-label="类别"
          />
        </Form.Item>
        {(s.kind === 'monthly' || s.kind === 'moral_model') && (
          <Space size="large" wrap>
            <Form.Item name="gender" label="性别">
              <Radio.Group
                options={[
                  { value: 'male', label: '男' },
                  { value: 'female', label: '女' },
                ]}
              />
            </Form.Item>
            <Form.Item name="age" label="年龄">
              <InputNumber min={1} max={130} />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="affiliation" label="工作单位或住址（公开）">
          <Input maxLength={100} placeholder="如：城关镇东街社区" />
        </Form.Item>
        <Form.Item name="headline" label="一句话事迹（公开）" rules={[fieldRule(f.headline)]}>
          <Input maxLength={60} showCount placeholder="如：二十年悉心照料瘫痪婆婆" />
        </Form.Item>
        <Form.Item name="story" label="主要事迹（公开）" rules={[fieldRule(f.story)]}>
          <Input.TextArea rows={8} maxLength={5000} showCount placeholder="至少 30 个字：时间、地点、做了什么、群众评价" />
        </Form.Item>
        <Form.Item label="照片（公开时去除拍摄信息）">
          <PhotoPicker files={files} onChange={setFiles} />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="contactName" label="联系人（不公开）" rules={[fieldRule(f.contactName)]}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="contactPhone" label="联系电话（不公开）" rules={[fieldRule(f.contactPhone)]}>
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
        </Space>
        {nominate.error && <Alert type="error" showIcon title={nominate.error.message} style={{ marginBottom: 12 }} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={nominate.isPending}>
            提交推荐
          </Button>
          <Button onClick={() => navigate(-1)}>取消</Button>
        </Space>
      </Form>
    </>
  );
}
