/**
 * Open311 GeoReport v2 answers (JSON form; the XML form is built from the same objects, elements named as the spec
 * names them). Field names are the spec's (snake_case). No field carries the reporter's identity.
 */
import { z } from 'zod';
import { OPEN311_DATATYPES } from '../open311';

const str = z.string();
const nstr = z.string().nullable();

export const open311Discovery = z.object({
  changeset: str,
  contact: str,
  key_service: str,
  endpoints: z.array(z.object({ specification: str, url: str, changeset: str, type: str, formats: z.array(str) })),
});

export const open311Service = z.object({
  service_code: str,
  service_name: str,
  description: str,
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: str,
  group: str,
});
export const open311Services = z.array(open311Service);
export type Open311ServiceDto = z.infer<typeof open311Service>;

export const open311Attribute = z.object({
  variable: z.boolean(),
  code: str,
  datatype: z.enum(OPEN311_DATATYPES),
  required: z.boolean(),
  datatype_description: str,
  order: z.number().int(),
  description: str,
  values: z.array(z.object({ key: str, name: str })),
});
export const open311ServiceDefinition = z.object({ service_code: str, attributes: z.array(open311Attribute) });
export type Open311ServiceDefinitionDto = z.infer<typeof open311ServiceDefinition>;

export const open311Request = z.object({
  service_request_id: str,
  status: z.enum(['open', 'closed']),
  status_notes: nstr,
  service_name: str,
  service_code: str,
  description: str,
  agency_responsible: nstr,
  service_notice: nstr,
  requested_datetime: str,
  updated_datetime: str,
  expected_datetime: nstr,
  address: nstr,
  address_id: nstr,
  zipcode: nstr,
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: nstr,
});
export const open311Requests = z.array(open311Request);
export type Open311RequestDto = z.infer<typeof open311Request>;

export const open311Created = z.array(z.object({ service_request_id: nstr, token: nstr, service_notice: nstr, account_id: nstr }));
export const open311Tokens = z.array(z.object({ service_request_id: nstr, token: str }));

export const open311Update = z.object({
  update_id: str,
  service_request_id: str,
  status: z.enum(['open', 'closed']),
  updated_datetime: str,
  description: str,
  media_url: nstr,
});
export const open311Updates = z.array(open311Update);
export type Open311UpdateDto = z.infer<typeof open311Update>;

/** The spec's error answer (JSON). */
export const open311Errors = z.array(z.object({ code: z.number().int(), description: str }));
