/**
 * Real evidence documents for the 每月汇报进度 tests: a minimal but well-formed PDF (objects, xref table with true
 * offsets, trailer), a .docx written with the `docx` library and an .xlsx written with exceljs — what a county unit
 * would attach to its monthly report (工作台账, 整治情况汇报).
 */
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import ExcelJS from 'exceljs';

/** A one-page PDF whose text is `lines` (ASCII: the standard Helvetica font has no Chinese glyphs). */
export function minimalPdf(lines: string[] = ['Monthly progress evidence', 'Back street renovation: road surface done']): Buffer {
  const text = lines.map((l, i) => `BT /F1 14 Tf 56 ${780 - i * 22} Td (${l.replace(/[()\\]/g, '')}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A .docx 情况汇报: a heading and two paragraphs. */
export async function progressDocx(title = '城管局幸福里背街改造提升工作情况汇报'): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(title)] }),
          new Paragraph({
            children: [new TextRun('本月完成幸福里背街路面硬化 1200 平方米，清理小广告 86 处，规范垃圾桶摆放 40 组。')],
          }),
          new Paragraph({ children: [new TextRun('存在问题：管线迁改需供电公司配合，已书面函告。')] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** An .xlsx 工作台账: 序号 | 整治点位 | 完成内容 | 完成日期. */
export async function progressXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('整治台账');
  ws.addRow(['序号', '整治点位', '完成内容', '完成日期']);
  ws.addRow([1, '幸福里背街', '路面硬化 1200 平方米', '2026-12-03']);
  ws.addRow([2, '建设路农贸市场周边', '清理占道经营 23 处', '2026-12-05']);
  ws.columns.forEach((c) => (c.width = 24));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
