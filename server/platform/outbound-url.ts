/**
 * Outbound URLs an office configures (the 12345 办结回复 callback, any later webhook): the server must not be made to
 * call into its own network (SSRF). A URL is allowed only when it is http(s), carries no user name or password, and
 * every address its host resolves to is a public unicast address — not loopback, private (RFC 1918), shared
 * (100.64/10, where Alibaba Cloud's metadata service 100.100.100.200 lives), link-local (169.254/16 with the
 * 169.254.169.254 metadata service), unique-local (fc00::/7), multicast, documentation or otherwise reserved; an
 * IPv4 address inside IPv6 (::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::/96, 6to4 2002::/16) counts as that IPv4 address.
 *
 * A deployment whose 12345 platform sits on the government intranet names it in `OUTBOUND_ALLOWED_HOSTS`: a comma
 * list of host names (exact, case-insensitive), addresses or CIDR ranges (`12345.zw.local,10.20.0.0/16,fd12::/64`).
 * A host name on the list may resolve anywhere; an address in a listed range is allowed whatever the name.
 *
 * The check runs when the URL is saved (a 422 in Chinese) and again when the request is sent: `postJsonSafely`
 * resolves the name itself and connects only to an address it has just checked (the socket's own lookup), so a DNS
 * answer that changes between the two checks (rebinding) cannot reach a private address. No redirect is followed
 * (a 3xx is a failed delivery); the whole exchange is bounded by a timeout.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

export type AddressClass =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link_local'
  | 'metadata'
  | 'unique_local'
  | 'multicast'
  | 'reserved'
  | 'invalid';

/** Chinese words for each refused class (the 422's reason). */
export const ADDRESS_CLASS_LABELS: Record<Exclude<AddressClass, 'public'>, string> = {
  unspecified: '未指定地址',
  loopback: '本机回环地址',
  private: '内网私有地址',
  shared: '运营商共享地址（含云服务器元数据地址）',
  link_local: '链路本地地址',
  metadata: '云服务器元数据地址',
  unique_local: 'IPv6 内网地址（ULA）',
  multicast: '组播地址',
  reserved: '保留或文档专用地址',
  invalid: '无效地址',
};

/**
 * Parses an IPv4 address the way inet_aton (and the WHATWG URL parser) does: 1–4 parts, each decimal, octal (a
 * leading 0) or hexadecimal (0x); the last part fills the remaining bytes (`127.1`, `2130706433`, `0x7f.0.0.1`,
 * `0177.0.0.1`). Null when it is not such an address.
 */
export function parseIpv4Loose(text: string): number | null {
  const parts = text.split('.');
  if (parts.length > 4 || parts.some((p) => p === '')) return null;
  const nums: number[] = [];
  for (const p of parts) {
    let n: number;
    if (/^0x[0-9a-f]*$/i.test(p)) n = p.length === 2 ? 0 : parseInt(p.slice(2), 16);
    else if (/^0[0-7]+$/.test(p)) n = parseInt(p, 8);
    else if (/^(0|[1-9]\d*)$/.test(p)) n = Number(p);
    else return null;
    if (!Number.isSafeInteger(n)) return null;
    nums.push(n);
  }
  const last = nums.pop()!;
  if (nums.some((n) => n > 255) || last >= 256 ** (4 - nums.length)) return null;
  return nums.reduce((acc, n, i) => acc + n * 256 ** (3 - i), 0) + last;
}

const v4 = (a: number, b: number, c: number, d: number) => ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
const V4_RANGES: Array<[number, number, AddressClass]> = [
  [v4(169, 254, 169, 254), 32, 'metadata'],
  [v4(100, 100, 100, 200), 32, 'metadata'],
  [v4(192, 0, 0, 192), 32, 'metadata'],
  [v4(0, 0, 0, 0), 8, 'unspecified'],
  [v4(10, 0, 0, 0), 8, 'private'],
  [v4(100, 64, 0, 0), 10, 'shared'],
  [v4(127, 0, 0, 0), 8, 'loopback'],
  [v4(169, 254, 0, 0), 16, 'link_local'],
  [v4(172, 16, 0, 0), 12, 'private'],
  [v4(192, 0, 0, 0), 24, 'reserved'],
  [v4(192, 0, 2, 0), 24, 'reserved'],
  [v4(192, 88, 99, 0), 24, 'reserved'],
  [v4(192, 168, 0, 0), 16, 'private'],
  [v4(198, 18, 0, 0), 15, 'reserved'],
  [v4(198, 51, 100, 0), 24, 'reserved'],
  [v4(203, 0, 113, 0), 24, 'reserved'],
  [v4(224, 0, 0, 0), 4, 'multicast'],
  [v4(240, 0, 0, 0), 4, 'reserved'],
];

function classifyV4(n: number): AddressClass {
  for (const [base, bits, cls] of V4_RANGES) {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    if ((n & mask) >>> 0 === base) return cls;
  }
  return 'public';
}

/** An IPv6 address as 8 16-bit groups (`::` expanded, a trailing dotted IPv4 read), or null. */
export function parseIpv6(text: string): number[] | null {
  let s = text.replace(/^\[|\]$/g, '');
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (!net.isIPv6(s)) return null;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (tail) {
    const n = parseIpv4Loose(tail[1])!;
    s = `${s.slice(0, -tail[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, rest] = s.split('::') as [string, string | undefined];
  const a = head ? head.split(':') : [];
  const b = rest !== undefined && rest !== '' ? rest.split(':') : [];
  const fill = rest === undefined ? [] : Array<string>(8 - a.length - b.length).fill('0');
  const groups = [...a, ...fill, ...b].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null;
}

function classifyV6(g: number[]): AddressClass {
  const embedded = (hi: number, lo: number) => classifyV4(((hi << 16) >>> 0) + lo);
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 8)) return 'unspecified';
  if (zeros(0, 7) && g[7] === 1) return 'loopback';
  if (zeros(0, 5) && g[5] === 0xffff) return embedded(g[6], g[7]); // ::ffff:a.b.c.d (mapped)
  if (zeros(0, 6)) return embedded(g[6], g[7]); // ::a.b.c.d (IPv4-compatible, deprecated)
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return embedded(g[6], g[7]); // NAT64
  if (g[0] === 0x2002) return embedded(g[1], g[2]); // 6to4
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && zeros(2, 7) && g[7] === 0x254) return 'metadata'; // AWS IMDS over IPv6
  if ((g[0] & 0xfe00) === 0xfc00) return 'unique_local';
  if ((g[0] & 0xffc0) === 0xfe80) return 'link_local';
  if ((g[0] & 0xffc0) === 0xfec0) return 'private'; // site-local (deprecated)
  if ((g[0] & 0xff00) === 0xff00) return 'multicast';
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'reserved'; // documentation
  if (g[0] === 0x0100 && zeros(1, 4)) return 'reserved'; // discard-only
  if ((g[0] & 0xe000) !== 0x2000) return 'reserved'; // outside global unicast 2000::/3
  return 'public';
}

/** The class of an address literal (IPv4 in any inet_aton form, or IPv6 with or without brackets). */
export function classifyAddress(address: string): AddressClass {
  const s = address.trim();
  if (s.includes(':')) {
    const g = parseIpv6(s);
    return g ? classifyV6(g) : 'invalid';
  }
  const n = parseIpv4Loose(s);
  return n === null ? 'invalid' : classifyV4(n);
}

/** The deployment's allow-list (`OUTBOUND_ALLOWED_HOSTS`): host names and address ranges. */
function allowList(env: NodeJS.ProcessEnv = process.env) {
  const names = new Set<string>();
  const ranges = new net.BlockList();
  for (const raw of (env.OUTBOUND_ALLOWED_HOSTS ?? '').split(',')) {
    const item = raw.trim().toLowerCase();
    if (!item) continue;
    const [addr, bits] = item.replace(/^\[|\]$/g, '').split('/');
    const type = net.isIPv4(addr) ? 'ipv4' : net.isIPv6(addr) ? 'ipv6' : null;
    if (type && bits !== undefined) ranges.addSubnet(addr, Number(bits), type);
    else if (type) ranges.addAddress(addr, type);
    else names.add(item);
  }
  return {
    name: (host: string) => names.has(host.toLowerCase()),
    address: (a: string) => {
      const type = net.isIPv4(a) ? 'ipv4' : net.isIPv6(a) ? 'ipv6' : null;
      return !!type && ranges.check(a, type);
    },
  };
}

/** Whether the address may be called (public, or in the deployment's allow-list); the refusal's words otherwise. */
export function addressRefusal(address: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (allowList(env).address(address)) return null;
  const cls = classifyAddress(address);
  return cls === 'public' ? null : `${address} 是${ADDRESS_CLASS_LABELS[cls]}`;
}

export interface CheckedUrl {
  url: URL;
  /** The host as the socket sees it: brackets removed from an IPv6 literal. */
  host: string;
  /** The host is an address literal (no name to resolve). */
  literal: boolean;
}

/** The URL's shape: http(s), no credentials, a host. Throws an Error with Chinese words. */
export function checkUrlShape(text: string): CheckedUrl {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new Error('地址格式不正确');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('只能使用 http:// 或 https:// 地址');
  if (url.username || url.password) throw new Error('地址中不能包含用户名或密码');
  // WHATWG URL already normalised decimal/octal/hex IPv4 hosts (http://2130706433/ → 127.0.0.1).
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!host) throw new Error('地址缺少主机名');
  return { url, host, literal: net.isIP(host) !== 0 };
}

type Lookup = (host: string) => Promise<string[]>;
const systemLookup: Lookup = async (host) => (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Checks a configured URL now (the office saves it): shape, then every address the host resolves to. Answers the
 * Chinese reason it is refused, or null when it may be used.
 */
export async function outboundUrlRefusal(text: string, lookup: Lookup = systemLookup, env = process.env): Promise<string | null> {
  let checked: CheckedUrl;
  try {
    checked = checkUrlShape(text);
  } catch (e) {
    return (e as Error).message;
  }
  const { host, literal } = checked;
  if (!literal && allowList(env).name(host)) return null;
  let addresses: string[];
  try {
    addresses = literal ? [host] : await lookup(host);
  } catch {
    return `无法解析主机名 ${host}`;
  }
  if (!addresses.length) return `无法解析主机名 ${host}`;
  for (const a of addresses) {
    const why = addressRefusal(a, env);
    if (why) return literal ? `不能指向内网或本机：${why}` : `不能指向内网或本机：${host} 解析为 ${why}`;
  }
  return null;
}

/** The delivery failed for a reason worth its own message (refused address, timeout, redirect). */
export class OutboundError extends Error {}

/**
 * POSTs a JSON body to a configured URL, checking it again as it connects: the socket resolves the name through a
 * lookup that refuses private answers, so what is checked is what is connected to. Redirects are not followed; the
 * exchange (connect, send, answer) must finish within `timeoutMs`. Answers the status and at most 64 kB of the body.
 */
export async function postJsonSafely(
  target: string,
  body: unknown,
  opts: { timeoutMs: number; lookup?: Lookup; env?: NodeJS.ProcessEnv },
): Promise<{ status: number; body: string }> {
  const env = opts.env ?? process.env;
  const lookup = opts.lookup ?? systemLookup;
  let checked: CheckedUrl;
  try {
    checked = checkUrlShape(target);
  } catch (e) {
    throw new OutboundError(`回调地址不可用：${(e as Error).message}`);
  }
  const { url, host, literal } = checked;
  const nameAllowed = !literal && allowList(env).name(host);
  if (literal) {
    const why = addressRefusal(host, env);
    if (why) throw new OutboundError(`回调地址不能指向内网或本机：${why}`);
  }
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': payload.length },
        timeout: opts.timeoutMs,
        // Called by the socket for a host name (not for a literal): the address checked is the one connected to.
        lookup: (hostname, options, callback) => {
          lookup(hostname).then(
            (addresses) => {
              const usable = nameAllowed ? addresses : addresses.filter((a) => !addressRefusal(a, env));
              if (!usable.length) {
                const why = addresses.length ? addressRefusal(addresses[0], env) : '没有地址';
                callback(new OutboundError(`回调地址不能指向内网或本机：${hostname} 解析为 ${why}`), '', 4);
                return;
              }
              const family = net.isIPv6(usable[0]) ? 6 : 4;
              if ((options as { all?: boolean }).all)
                (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(
                  null,
                  usable.map((a) => ({ address: a, family: net.isIPv6(a) ? 6 : 4 })),
                );
              else callback(null, usable[0], family);
            },
            (e: Error) => callback(Object.assign(new OutboundError(`无法解析主机名 ${hostname}`), { cause: e }), '', 4),
          );
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= 64 * 1024) chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    const timer = setTimeout(() => req.destroy(new OutboundError(`回调地址 ${opts.timeoutMs / 1000} 秒内没有答复`)), opts.timeoutMs);
    req.on('timeout', () => req.destroy(new OutboundError(`回调地址 ${opts.timeoutMs / 1000} 秒内没有答复`)));
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.on('close', () => clearTimeout(timer));
    req.end(payload);
  });
}
