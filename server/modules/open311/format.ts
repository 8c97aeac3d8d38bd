/**
 * Open311 answers in both formats: JSON (the contract's objects) and XML built with fast-xml-parser's XMLBuilder from
 * the same objects, elements named as GeoReport v2 names them. Errors follow the spec: an HTTP 4xx with
 * `[{ "code": 400, "description": "…" }]` or `<errors><error><code>400</code><description>…</description></error></errors>`.
 */
import type { FastifyReply } from 'fastify';
import { XMLBuilder } from 'fast-xml-parser';

export type Open311Format = 'json' | 'xml';

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false, processEntities: true });
const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';

/** Nulls become empty elements and booleans the words true/false, as Open311 XML writes them. */
function xmlValue(v: unknown): unknown {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return v.map(xmlValue);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, xmlValue(x)]));
  return v;
}

/** An XML document: `<root><item>…</item>…</root>` for a list, `<root>…</root>` for an object. */
export function toXml(root: string, value: unknown, item?: string): string {
  const body = item ? { [root]: { [item]: xmlValue(value) } } : { [root]: xmlValue(value) };
  return DECLARATION + (builder.build(body) as string);
}

/** The format a URL asks for: its extension (`.json` / `.xml`); XML when there is none (the spec's default). */
export function formatOf(url: string): Open311Format {
  const path = url.split('?')[0];
  return path.endsWith('.json') ? 'json' : 'xml';
}

/** Sends an answer: the JSON value through the route's contract, or its XML document as text. */
export function sendXml(reply: FastifyReply, status: number, xml: string): FastifyReply {
  return reply.status(status).header('content-type', 'text/xml; charset=utf-8').send(xml);
}

/** The spec's error answer in the URL's format. */
export function sendOpen311Error(reply: FastifyReply, format: Open311Format, status: number, description: string): FastifyReply {
  const errors = [{ code: status, description }];
  if (format === 'json') return reply.status(status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(errors));
  return sendXml(reply, status, toXml('errors', errors, 'error'));
}
