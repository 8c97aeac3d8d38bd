/**
 * 公文 (.docx) in the GB/T 9704 layout, built with the `docx` library — for the 情况通报, the 督办单 and the bulletins
 * to come. A document is: 发文机关标志 (red, 小标宋), 文号 (创城办〔2026〕12号), a red separator line, the title
 * (小标宋 二号, centred), 主送机关, the body (仿宋_GB2312 三号 on a 28.95 pt line pitch: 22 lines of 28 characters on
 * the 156 × 225 mm type area of an A4 page with a 37 mm top and a 28 mm left margin), headings 一、(黑体) and
 * （一）(楷体), 附件说明, 落款 with the 成文日期 in Chinese numerals (二〇二六年十二月三日), attachment pages, the
 * 版记 (抄送, 印发) and page numbers "— 1 —" at the bottom outside (odd pages right, even pages left).
 *
 * The line pitch comes from exact line spacing on each body paragraph (not a document grid, which would also stretch
 * table rows), so Word and LibreOffice lay out the same 22 lines.
 *
 * Fonts: the runs name the fonts GB/T 9704 prescribes (eastAsia) and Times New Roman for Latin text and digits, with
 * the East Asian language zh-CN so a substitute uses simplified Chinese glyphs. A reader without a font gets a
 * substitute of the same kind: `GONGWEN_FONTS` lists each font's fallbacks (Windows names first, then the Debian
 * fonts-noto-cjk families), and `fontconfigAliases()` writes them as a fontconfig file, so LibreOffice (which asks
 * fontconfig; unaided it would set 仿宋, 楷体 and 小标宋 in a sans-serif) renders a 公文 with serif body text and a bold
 * serif title (`npm run docs:render` uses it; a server converting documents installs it in /etc/fonts/conf.d).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageBreak,
  OverlapType,
  PageNumber,
  Paragraph,
  RelativeHorizontalPosition,
  Table,
  TableAnchorType,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { FastifyReply } from 'fastify';
import { BEIJING_OFFSET_MS } from '../../common/beijing';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

/** The fonts of a 公文 and what a reader without them should see instead (in order). */
export const GONGWEN_FONTS = {
  /** 发文机关标志 and title. */
  title: {
    name: '方正小标宋简体',
    generic: 'serif',
    bold: true,
    fallbacks: ['方正小标宋_GBK', '华文中宋', 'STZhongsong', 'Noto Serif CJK SC'],
  },
  /** Body text. */
  body: { name: '仿宋_GB2312', generic: 'serif', bold: false, fallbacks: ['仿宋', 'FangSong', 'STFangsong', 'Noto Serif CJK SC'] },
  /** First-level headings (一、) and the 附件 label. */
  heading: { name: '黑体', generic: 'sans-serif', bold: false, fallbacks: ['SimHei', 'STHeiti', 'Noto Sans CJK SC'] },
  /** Second-level headings (（一）) and captions. */
  subheading: { name: '楷体_GB2312', generic: 'serif', bold: false, fallbacks: ['楷体', 'KaiTi', 'STKaiti', 'Noto Serif CJK SC'] },
  /** Page numbers. */
  song: { name: '宋体', generic: 'serif', bold: false, fallbacks: ['SimSun', 'Noto Serif CJK SC'] },
} as const;
export type GongwenFont = keyof typeof GONGWEN_FONTS;
const LATIN = 'Times New Roman';

/** Sizes in points (号). */
export const PT = { er: 22, san: 16, si: 14, xiaosi: 12, wu: 10.5 } as const;
/** Body line pitch: 22 lines on the 225 mm type area. */
export const LINE_TWIPS = 579;
const CHAR_TWIPS = PT.san * 20;
const mm = (x: number) => Math.round((x / 25.4) * 1440);
const RED = 'FF0000';

/** The fontconfig file that gives each 公文 font its fallbacks (a serif for 仿宋, 楷体 and 小标宋, bold for 小标宋). */
export function fontconfigAliases(include = '/etc/fonts/fonts.conf'): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const aliases = Object.values(GONGWEN_FONTS).map(
    (f) =>
      `  <alias binding="same">\n    <family>${esc(f.name)}</family>\n    <prefer>${f.fallbacks.map((x) => `<family>${esc(x)}</family>`).join('')}</prefer>\n    <default><family>${f.generic}</family></default>\n  </alias>`,
  );
  const bold = Object.values(GONGWEN_FONTS)
    .filter((f) => f.bold)
    .map(
      (f) =>
        `  <match target="pattern">\n    <test name="family"><string>${esc(f.name)}</string></test>\n    <edit name="weight" mode="assign"><const>bold</const></edit>\n  </match>`,
    );
  return `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<!-- 公文 font fallbacks (server/platform/gongwen.ts) -->\n<fontconfig>\n  <include ignore_missing="yes">${esc(include)}</include>\n${[...aliases, ...bold].join('\n')}\n</fontconfig>\n`;
}

/* ---------------------------------------------------------------- text */

const DIGITS = '〇一二三四五六七八九';

function chineseNumber(n: number): string {
  if (n <= 10) return n === 10 ? '十' : DIGITS[n];
  if (n < 20) return `十${DIGITS[n - 10]}`;
  return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
}

const beijing = (d: Date) => new Date(d.getTime() + BEIJING_OFFSET_MS);

/** 成文日期 in Chinese numerals: 二〇二六年十二月三日 (Beijing time). */
export function chineseNumeralDate(d: Date): string {
  const b = beijing(d);
  const year = String(b.getUTCFullYear())
    .split('')
    .map((c) => DIGITS[Number(c)])
    .join('');
  return `${year}年${chineseNumber(b.getUTCMonth() + 1)}月${chineseNumber(b.getUTCDate())}日`;
}

/** A date in Arabic numerals as the 版记 writes it: 2026年12月3日 (Beijing time). */
export function arabicDate(d: Date): string {
  const b = beijing(d);
  return `${b.getUTCFullYear()}年${b.getUTCMonth() + 1}月${b.getUTCDate()}日`;
}

/** Ordinal of a first-level heading: 一、二、… */
export const headingNumber = (i: number) => `${chineseNumber(i)}、`;
/** Ordinal of a second-level heading: （一）（二）… */
export const subheadingNumber = (i: number) => `（${chineseNumber(i)}）`;

/** 文号: 创城办〔2026〕12号. */
export const documentNumber = (prefix: string, year: number, n: number) => `${prefix}〔${year}〕${n}号`;

/** A rate as 83.3% (— when unknown). */
export const percent = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : `${(Math.round(x * 1000) / 10).toFixed(1)}%`;

/** A difference of two rates in 个百分点: 提高2.5个百分点 / 下降0.8个百分点 / 持平. */
export function percentagePoints(delta: number | null | undefined): string {
  if (delta === null || delta === undefined) return '无可比数据';
  const points = Math.round(Math.abs(delta) * 1000) / 10;
  if (points === 0) return '持平';
  return `${delta > 0 ? '提高' : '下降'}${points.toFixed(1)}个百分点`;
}

/* ---------------------------------------------------------------- runs and paragraphs */

/** A run in one of the 公文 fonts. */
export function run(text: string, font: GongwenFont, sizePt: number, opts: { color?: string; bold?: boolean } = {}): TextRun {
  const name = GONGWEN_FONTS[font].name;
  const latin = font === 'body' ? LATIN : name;
  return new TextRun({
    text,
    size: Math.round(sizePt * 2),
    font: { ascii: latin, hAnsi: latin, eastAsia: name, cs: latin, hint: 'eastAsia' },
    language: { value: 'en-US', eastAsia: 'zh-CN' },
    color: opts.color,
    bold: opts.bold,
  });
}

const bodySpacing = { line: LINE_TWIPS, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

/** A body paragraph: 仿宋 三号, first line indented two characters, justified. */
export function body(text: string | TextRun[], opts: { indent?: boolean; align?: Align } = {}): Paragraph {
  return new Paragraph({
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    spacing: bodySpacing,
    indent: opts.indent === false ? undefined : { firstLine: 2 * CHAR_TWIPS },
    children: typeof text === 'string' ? [run(text, 'body', PT.san)] : text,
  });
}

/** An empty body line (the GB/T 9704 空一行). */
export const blankLine = () => new Paragraph({ spacing: bodySpacing, children: [run('', 'body', PT.san)] });

/** First-level heading: 一、… in 黑体 三号. */
export function heading(i: number, text: string): Paragraph {
  return new Paragraph({
    spacing: bodySpacing,
    indent: { firstLine: 2 * CHAR_TWIPS },
    keepNext: true,
    children: [run(`${headingNumber(i)}${text}`, 'heading', PT.san)],
  });
}

/** Second-level heading: （一）… in 楷体 三号; `rest` continues the paragraph in 仿宋. */
export function subheading(i: number, text: string, rest?: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: bodySpacing,
    indent: { firstLine: 2 * CHAR_TWIPS },
    keepNext: true,
    children: [run(`${subheadingNumber(i)}${text}`, 'subheading', PT.san), ...(rest ? [run(rest, 'body', PT.san)] : [])],
  });
}

/** A picture centred on the type area, with its caption below (楷体 四号). */
export function figure(
  image: Buffer,
  size: { width: number; height: number },
  caption: string,
  maxMm: { width: number; height: number } = { width: 110, height: 70 },
): Paragraph[] {
  // At most maxMm (110 × 70 mm by default), aspect kept (docx sizes are pixels at 96 dpi).
  const px = (m: number) => (m / 25.4) * 96;
  const scale = Math.min(px(maxMm.width) / size.width, px(maxMm.height) / size.height);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 120, after: 60 },
      keepNext: true,
      children: [
        new ImageRun({
          type: 'jpg',
          data: image,
          transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) },
          altText: { name: caption, description: caption, title: caption },
        }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 400, lineRule: LineRuleType.EXACT, after: 160 },
      children: [run(caption, 'subheading', PT.si)],
    }),
  ];
}

/* ---------------------------------------------------------------- tables */

export interface TableColumn {
  header: string;
  /** Share of the type area's width (the shares are normalised). */
  width: number;
  align?: 'left' | 'center' | 'right';
}

const TYPE_AREA_TWIPS = mm(156);
const PAGE_HEIGHT = 16838;
const BOTTOM_MARGIN = mm(35);
const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function tableCell(text: string, font: GongwenFont, align: Align, width: number, header = false, sizePt: number = PT.xiaosi): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 40, bottom: 40, left: 60, right: 60 },
    borders: { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder },
    children: [
      new Paragraph({
        alignment: header ? AlignmentType.CENTER : align,
        // Exact spacing: table text does not snap to the body's line grid.
        spacing: { line: Math.round(sizePt * 30), lineRule: LineRuleType.EXACT },
        children: [run(text, font, sizePt)],
      }),
    ],
  });
}

/** A table in 仿宋 小四 with a 黑体 header row repeated on every page. */
export function table(columns: TableColumn[], rows: string[][]): Table {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => Math.floor((c.width / total) * TYPE_AREA_TWIPS));
  const aligns = columns.map((c) =>
    c.align === 'right' ? AlignmentType.RIGHT : c.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
  );
  return new Table({
    width: { size: TYPE_AREA_TWIPS, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    rows: [
      new TableRow({
        // No cantSplit on the repeated header row: LibreOffice (7.4) then drops every body row of a table that starts
        // at the foot of a page (the rows are in the file; Word shows them). Body rows keep it.
        tableHeader: true,
        children: columns.map((c, i) => tableCell(c.header, 'heading', AlignmentType.CENTER, widths[i], true)),
      }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => tableCell(v, 'body', aligns[i], widths[i])) })),
    ],
  });
}

/** A two-column table of labels (黑体) and values (仿宋), as on a 督办单. */
export function fieldTable(rows: Array<[string, string]>): Table {
  const widths = [Math.floor(TYPE_AREA_TWIPS * 0.24), TYPE_AREA_TWIPS - Math.floor(TYPE_AREA_TWIPS * 0.24)];
  return new Table({
    width: { size: TYPE_AREA_TWIPS, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    rows: rows.map(
      ([k, v]) =>
        new TableRow({
          cantSplit: true,
          children: [
            tableCell(k, 'heading', AlignmentType.CENTER, widths[0], true, PT.si),
            tableCell(v, 'body', AlignmentType.LEFT, widths[1], false, PT.si),
          ],
        }),
    ),
  });
}

/* ---------------------------------------------------------------- the document */

export interface Attachment {
  title: string;
  children: Array<Paragraph | Table>;
}

export interface GongwenOptions {
  /** 发文机关全称 (the 发文机关标志 adds 文件). */
  organ: string;
  /** 发文机关署名 in the 落款 (default: the organ). */
  signature?: string;
  /** 文号, e.g. 创城办〔2026〕12号. */
  number: string;
  title: string;
  /** 主送机关, without the colon. */
  addressee?: string;
  /** The body: paragraphs, headings, figures, tables. */
  children: Array<Paragraph | Table>;
  /** 附件, each printed after the 落款 on a new page. */
  attachments?: Attachment[];
  /** 成文日期. */
  date: Date;
  /** 抄送机关 (版记). */
  copyTo?: string;
  /** 印发机关 (版记; default: the organ), e.g. 示范县创城办. */
  printedBy?: string;
  /** 发文机关标志 without 文件, closer spacing and no 版记 unless it is copied to someone (a 信函 such as a 督办单). */
  letter?: boolean;
}

/** 发文机关标志: red 小标宋, as large as fits one line (at most 二号 × 1.5). */
function issuerMark(text: string, letter: boolean): Paragraph {
  const chars = [...text].length;
  const size = Math.min(33, Math.floor(((156 / 25.4) * 72) / chars));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    // 文件格式: the mark's top edge 35 mm below the type area's (GB/T 9704 7.2.3); a 信函 starts at the top.
    spacing: { before: letter ? 0 : mm(35) - Math.round(size * 20 * 0.3), line: Math.round(size * 20 * 1.3), lineRule: LineRuleType.EXACT },
    children: [run(text, 'title', size, { color: RED })],
  });
}

/** Page numbers "— N —": 宋体 四号, odd pages right and even pages left, one character in from the edge. */
function pageFooter(even: boolean): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: even ? AlignmentType.LEFT : AlignmentType.RIGHT,
        indent: even ? { left: PT.si * 20 } : { right: PT.si * 20 },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            size: PT.si * 2,
            font: { ascii: GONGWEN_FONTS.song.name, hAnsi: GONGWEN_FONTS.song.name, eastAsia: GONGWEN_FONTS.song.name },
            language: { value: 'en-US', eastAsia: 'zh-CN' },
          }),
        ],
      }),
    ],
  });
}

/** 版记: 抄送 and 印发机关/印发日期 between rules (thick above and below, thin between). */
function colophon(copyTo: string | undefined, printedBy: string, date: Date): Table {
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
  const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const line = (children: TextRun[], top: typeof thick, bottom: typeof thick) =>
    new TableRow({
      cantSplit: true,
      children: [
        new TableCell({
          width: { size: TYPE_AREA_TWIPS, type: WidthType.DXA },
          borders: { top, bottom, left: none, right: none },
          margins: { left: PT.si * 20, right: PT.si * 20, top: 60, bottom: 60 },
          children: [
            new Paragraph({
              spacing: { line: 400, lineRule: LineRuleType.EXACT },
              tabStops: [{ type: 'right', position: TYPE_AREA_TWIPS - PT.si * 40 }],
              children,
            }),
          ],
        }),
      ],
    });
  const rows = [
    ...(copyTo ? [line([run(`抄送：${copyTo}。`, 'body', PT.si)], thick, thin)] : []),
    line(
      [run(printedBy, 'body', PT.si), new TextRun({ text: '\t' }), run(`${arabicDate(date)}印发`, 'body', PT.si)],
      copyTo ? thin : thick,
      thick,
    ),
  ];
  // At the foot of the last page (GB/T 9704 8.1): a table floated to the bottom of the type area.
  return new Table({
    width: { size: TYPE_AREA_TWIPS, type: WidthType.DXA },
    columnWidths: [TYPE_AREA_TWIPS],
    layout: TableLayoutType.FIXED,
    float: {
      horizontalAnchor: TableAnchorType.MARGIN,
      verticalAnchor: TableAnchorType.PAGE,
      relativeHorizontalPosition: RelativeHorizontalPosition.CENTER,
      // Its last rule on the bottom edge of the type area (each row is 20 pt plus 6 pt of cell margins).
      absoluteVerticalPosition: PAGE_HEIGHT - BOTTOM_MARGIN - rows.length * 520 - 40,
      overlap: OverlapType.NEVER,
    },
    rows,
  });
}

/** The 落款: 发文机关署名 right-indented two characters, the 成文日期 below it starting two characters further right. */
function signatureBlock(signature: string, date: Date): Paragraph[] {
  const dateText = chineseNumeralDate(date);
  const sigChars = [...signature].length;
  const dateChars = [...dateText].length;
  const dateRight = Math.max(sigChars - dateChars, 4);
  const sigRight = sigChars - dateChars >= 2 ? 2 : dateRight + Math.ceil((dateChars - sigChars) / 2);
  const p = (text: string, right: number) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: bodySpacing,
      indent: { right: right * CHAR_TWIPS },
      children: [run(text, 'body', PT.san)],
    });
  return [p(signature, sigRight), p(dateText, dateRight)];
}

/** Builds a 公文 as .docx. */
export async function buildGongwen(o: GongwenOptions): Promise<Buffer> {
  const attachments = o.attachments ?? [];
  const note: Paragraph[] = attachments.length
    ? [
        blankLine(),
        ...attachments.map(
          (a, i) =>
            new Paragraph({
              alignment: AlignmentType.LEFT,
              spacing: bodySpacing,
              indent: i === 0 ? { firstLine: 2 * CHAR_TWIPS } : { left: 5 * CHAR_TWIPS },
              children: [run(`${i === 0 ? '附件：' : ''}${attachments.length > 1 ? `${i + 1}. ` : ''}${a.title}`, 'body', PT.san)],
            }),
        ),
      ]
    : [];
  const attachmentPages = attachments.flatMap((a, i) => [
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph({ spacing: bodySpacing, children: [run(attachments.length > 1 ? `附件${i + 1}` : '附件', 'heading', PT.san)] }),
    blankLine(),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 200 },
      children: [run(a.title, 'title', PT.er)],
    }),
    ...a.children,
  ]);
  const doc = new Document({
    creator: o.organ,
    title: o.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: LATIN, hAnsi: LATIN, eastAsia: GONGWEN_FONTS.body.name },
            size: PT.san * 2,
            language: { value: 'en-US', eastAsia: 'zh-CN' },
          },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: PAGE_HEIGHT },
            margin: { top: mm(37), bottom: BOTTOM_MARGIN, left: mm(28), right: mm(26), header: mm(15), footer: mm(20) },
          },
        },
        footers: { default: pageFooter(false), even: pageFooter(true) },
        children: [
          issuerMark(o.letter ? o.organ : `${o.organ}文件`, !!o.letter),
          ...(o.letter ? [blankLine()] : [blankLine(), blankLine()]),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: bodySpacing,
            border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 11 } },
            children: [run(o.number, 'body', PT.san)],
          }),
          ...(o.letter ? [blankLine()] : [blankLine(), blankLine()]),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { line: 700, lineRule: LineRuleType.EXACT },
            children: [run(o.title, 'title', PT.er)],
          }),
          blankLine(),
          ...(o.addressee ? [new Paragraph({ spacing: bodySpacing, children: [run(`${o.addressee}：`, 'body', PT.san)] })] : []),
          ...o.children,
          ...note,
          blankLine(),
          blankLine(),
          ...signatureBlock(o.signature ?? o.organ, o.date),
          ...attachmentPages,
          ...(o.letter && !o.copyTo
            ? []
            : [colophon(o.copyTo, o.printedBy ?? o.signature ?? o.organ, o.date), new Paragraph({ children: [] })]),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** Sends a .docx as an attachment (a Buffer: Fastify sends it as it is, past the JSON serializer). */
export function sendDocx(reply: FastifyReply, fileName: string, buffer: Buffer): FastifyReply {
  return reply
    .header('content-type', DOCX_MIME)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(buffer);
}
