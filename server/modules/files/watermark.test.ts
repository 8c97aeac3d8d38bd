import { describe, expect, it } from 'vitest';
import { fitText, formatBeijingMinute, watermarkLines, watermarkSvg } from './watermark';

describe('watermark', () => {
  it('formats times in Asia/Shanghai, across the date line', () => {
    expect(formatBeijingMinute(new Date('2024-05-01T16:05:59Z'))).toBe('2024-05-02 00:05');
  });

  it('says which time it shows and keeps coordinates on their own line', () => {
    const uploadedAt = new Date('2026-11-22T01:02:00Z');
    expect(
      watermarkLines({
        takenAt: new Date('2024-05-01T02:30:00Z'),
        uploadedAt,
        address: '人民路 1 号',
        lat: 31.2,
        lng: 121.5,
        reporter: '张三',
      }),
    ).toEqual(['拍摄时间：2024-05-01 10:30', '地点：人民路 1 号', '坐标：31.200000, 121.500000', '上报人：张三']);
    expect(watermarkLines({ takenAt: null, uploadedAt, address: null, lat: null, lng: null, reporter: '李四' })).toEqual([
      '上传时间：2026-11-22 09:02（照片无拍摄时间）',
      '地点：未提供',
      '上报人：李四',
    ]);
  });

  it('cuts long text to the width with an ellipsis, counting CJK as full width', () => {
    expect(fitText('人民路', 3)).toBe('人民路');
    expect(fitText('人民路人民路', 4)).toBe('人民路…');
    expect(fitText('abcdefghij', 6)).toBe('abcdefghij');
    expect(fitText('abcdefghijk', 6)).toBe('abcdefgh…');
  });

  it('escapes markup in names and never makes a band taller than the image', () => {
    const { svg, height } = watermarkSvg(['上报人：<b>&"x"</b>'], 640, 40);
    expect(svg.toString()).toContain('&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;');
    expect(height).toBeLessThanOrEqual(40);
  });
});
