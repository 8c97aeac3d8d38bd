/** Outbound URL guard: address classes (IPv4 forms, IPv6, mapped), the allow-list, the configured-URL check. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressRefusal, classifyAddress, outboundUrlRefusal, parseIpv4Loose, parseIpv6, postJsonSafely } from './outbound-url';

describe('address classification', () => {
  it('IPv4 in every inet_aton form', () => {
    expect(parseIpv4Loose('127.0.0.1')).toBe(0x7f000001);
    expect(parseIpv4Loose('2130706433')).toBe(0x7f000001); // decimal
    expect(parseIpv4Loose('0x7f000001')).toBe(0x7f000001); // hexadecimal
    expect(parseIpv4Loose('0177.0.0.1')).toBe(0x7f000001); // octal part
    expect(parseIpv4Loose('127.1')).toBe(0x7f000001); // short form
    expect(parseIpv4Loose('0x7f.1')).toBe(0x7f000001);
    expect(parseIpv4Loose('10.0.65535')).toBe(0x0a00ffff);
    expect(parseIpv4Loose('256.0.0.1')).toBeNull();
    expect(parseIpv4Loose('1.2.3.4.5')).toBeNull();
    expect(parseIpv4Loose('08.0.0.1')).toBeNull(); // 08 is not octal
    expect(parseIpv4Loose('example.cn')).toBeNull();
    for (const a of ['127.0.0.1', '2130706433', '0x7f.0.0.1', '0177.0.0.01', '127.1', '127.255.255.254'])
      expect(classifyAddress(a), a).toBe('loopback');
    for (const a of ['10.1.2.3', '012.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.10', '3232235777'])
      expect(classifyAddress(a), a).toBe('private');
    expect(classifyAddress('169.254.169.254')).toBe('metadata');
    expect(classifyAddress('2852039166')).toBe('metadata'); // 169.254.169.254 as one number
    expect(classifyAddress('100.100.100.200')).toBe('metadata'); // Alibaba Cloud
    expect(classifyAddress('169.254.1.1')).toBe('link_local');
    expect(classifyAddress('100.64.0.1')).toBe('shared');
    expect(classifyAddress('0.0.0.0')).toBe('unspecified');
    expect(classifyAddress('0')).toBe('unspecified');
    expect(classifyAddress('224.0.0.1')).toBe('multicast');
    expect(classifyAddress('255.255.255.255')).toBe('reserved');
    expect(classifyAddress('192.0.2.10')).toBe('reserved');
    expect(classifyAddress('198.18.0.1')).toBe('reserved');
    for (const a of ['8.8.8.8', '114.114.114.114', '172.32.0.1', '100.128.0.1', '192.169.0.1', '1.1.1.1'])
      expect(classifyAddress(a), a).toBe('public');
  });

  it('IPv6: loopback, link-local, ULA, mapped and embedded IPv4, documentation, global', () => {
    expect(parseIpv6('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIpv6('[::ffff:127.0.0.1]')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
    expect(parseIpv6('fe80::1%eth0')).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
    expect(classifyAddress('::1')).toBe('loopback');
    expect(classifyAddress('[::1]')).toBe('loopback');
    expect(classifyAddress('0:0:0:0:0:0:0:1')).toBe('loopback');
    expect(classifyAddress('::')).toBe('unspecified');
    expect(classifyAddress('fe80::1')).toBe('link_local');
    expect(classifyAddress('fe80::1%eth0')).toBe('link_local');
    expect(classifyAddress('fc00::1')).toBe('unique_local');
    expect(classifyAddress('fd12:3456:789a::1')).toBe('unique_local');
    expect(classifyAddress('fd00:ec2::254')).toBe('metadata');
    expect(classifyAddress('fec0::1')).toBe('private');
    expect(classifyAddress('ff02::1')).toBe('multicast');
    expect(classifyAddress('2001:db8::1')).toBe('reserved');
    // IPv4 inside IPv6 counts as that IPv4 address.
    expect(classifyAddress('::ffff:127.0.0.1')).toBe('loopback');
    expect(classifyAddress('::ffff:7f00:1')).toBe('loopback'); // the same, as the URL parser writes it
    expect(classifyAddress('::ffff:a9fe:a9fe')).toBe('metadata');
    expect(classifyAddress('::ffff:192.168.0.1')).toBe('private');
    expect(classifyAddress('::ffff:8.8.8.8')).toBe('public');
    expect(classifyAddress('::127.0.0.1')).toBe('loopback'); // IPv4-compatible
    expect(classifyAddress('64:ff9b::10.0.0.1')).toBe('private'); // NAT64
    expect(classifyAddress('2002:c0a8:0101::1')).toBe('private'); // 6to4 of 192.168.1.1
    expect(classifyAddress('2002:0808:0808::1')).toBe('public');
    expect(classifyAddress('2400:3200::1')).toBe('public'); // AliDNS
    expect(classifyAddress('2408:8000::8')).toBe('public');
    expect(classifyAddress('not-an-address')).toBe('invalid');
    expect(classifyAddress('1::2::3')).toBe('invalid');
  });

  it('the deployment allow-list lets named hosts and ranges through', () => {
    const env = { OUTBOUND_ALLOWED_HOSTS: ' 12345.zw.local , 10.20.0.0/16, fd12::/16,127.0.0.1' };
    expect(addressRefusal('10.20.3.4', env)).toBeNull();
    expect(addressRefusal('10.21.3.4', env)).toContain('内网私有地址');
    expect(addressRefusal('fd12::9', env)).toBeNull();
    expect(addressRefusal('127.0.0.1', env)).toBeNull();
    expect(addressRefusal('127.0.0.2', env)).toContain('本机回环地址');
    expect(addressRefusal('169.254.169.254', {})).toContain('元数据');
  });
});

describe('a configured URL', () => {
  const lookup = (answers: Record<string, string[]>) => async (host: string) => {
    if (!answers[host]) throw new Error('ENOTFOUND');
    return answers[host];
  };
  const dns = lookup({
    'rexian.example.cn': ['202.96.64.68'],
    'inner.example.cn': ['202.96.64.68', '10.0.0.8'],
    'v6.example.cn': ['fd00::5'],
    '12345.zw.local': ['10.9.8.7'],
  });

  it('shape: only http(s), no credentials', async () => {
    expect(await outboundUrlRefusal('ftp://rexian.example.cn/x', dns, {})).toContain('http');
    expect(await outboundUrlRefusal('file:///etc/passwd', dns, {})).toContain('http');
    expect(await outboundUrlRefusal('gopher://rexian.example.cn/', dns, {})).toContain('http');
    expect(await outboundUrlRefusal('https://u:p@rexian.example.cn/', dns, {})).toContain('用户名或密码');
    expect(await outboundUrlRefusal('不是网址', dns, {})).toContain('格式');
    expect(await outboundUrlRefusal('https://rexian.example.cn/12345/reply', dns, {})).toBeNull();
  });

  it('refuses literal and resolved private addresses in any spelling; names on the allow-list pass', async () => {
    for (const u of [
      'http://127.0.0.1:8080/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://0177.0.0.1/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.100.100.200/latest/meta-data/',
      'http://[fe80::1]/',
      'http://[fd00::1]/',
      'http://localhost/',
    ])
      expect(await outboundUrlRefusal(u, lookup({ localhost: ['127.0.0.1'] }), {}), u).toContain('不能指向内网或本机');
    // Any one private answer among several is enough to refuse.
    expect(await outboundUrlRefusal('https://inner.example.cn/', dns, {})).toContain('10.0.0.8');
    expect(await outboundUrlRefusal('https://v6.example.cn/', dns, {})).toContain('IPv6 内网地址');
    expect(await outboundUrlRefusal('https://nowhere.example.cn/', dns, {})).toContain('无法解析');
    expect(await outboundUrlRefusal('https://12345.zw.local/reply', dns, {})).toContain('10.9.8.7');
    expect(await outboundUrlRefusal('https://12345.zw.local/reply', dns, { OUTBOUND_ALLOWED_HOSTS: '12345.zw.local' })).toBeNull();
    expect(await outboundUrlRefusal('http://10.9.8.7/reply', dns, { OUTBOUND_ALLOWED_HOSTS: '10.9.0.0/16' })).toBeNull();
  });
});

describe('sending (postJsonSafely)', () => {
  let server: http.Server;
  let port = 0;
  const hits: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/slow') return; // never answers
      if (req.url === '/redirect') {
        res.writeHead(302, { location: `http://127.0.0.1:${port}/landed` });
        return res.end();
      }
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('refuses a literal private address and a name that now resolves privately (rebinding) before any byte is sent', async () => {
    hits.length = 0;
    await expect(postJsonSafely(`http://127.0.0.1:${port}/x`, { a: 1 }, { timeoutMs: 2000, env: {} })).rejects.toThrow('本机回环');
    await expect(postJsonSafely(`http://2130706433:${port}/x`, { a: 1 }, { timeoutMs: 2000, env: {} })).rejects.toThrow('本机回环');
    // Saved while it answered a public address; at send time the same name answers 127.0.0.1.
    const rebound = async () => ['127.0.0.1'];
    await expect(
      postJsonSafely(`http://rexian.example.cn:${port}/x`, { a: 1 }, { timeoutMs: 2000, lookup: rebound, env: {} }),
    ).rejects.toThrow('不能指向内网或本机');
    await expect(postJsonSafely(`ftp://rexian.example.cn/x`, {}, { timeoutMs: 2000, env: {} })).rejects.toThrow('http');
    expect(hits).toEqual([]);
  });

  it('delivers through the checked address when allowed; never follows a redirect; gives up after the timeout', async () => {
    hits.length = 0;
    const local = async () => ['127.0.0.1'];
    const env = { OUTBOUND_ALLOWED_HOSTS: '127.0.0.1' };
    const ok = await postJsonSafely(`http://hotline.test:${port}/reply`, { orderNo: 'GD1' }, { timeoutMs: 2000, lookup: local, env });
    expect(ok.status).toBe(200);
    const moved = await postJsonSafely(`http://127.0.0.1:${port}/redirect`, {}, { timeoutMs: 2000, env });
    expect(moved.status).toBe(302);
    expect(hits).toEqual(['/reply', '/redirect']); // /landed never requested
    const started = Date.now();
    await expect(postJsonSafely(`http://127.0.0.1:${port}/slow`, {}, { timeoutMs: 300, env })).rejects.toThrow('秒内没有答复');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
