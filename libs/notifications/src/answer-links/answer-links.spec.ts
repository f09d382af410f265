import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnswerLinks, resolveLinkKey } from './answer-links';

const key = Buffer.alloc(32, 7);
const target = {
  caseId: '0f8e7c3a-1b2d-4e5f-8a9b-0c1d2e3f4a5b',
  participantId: 'a1b2c3d4-e5f6-8a7b-9c8d-e7f6a5b4c3d2',
};

describe('AnswerLinks', () => {
  const links = new AnswerLinks(key, 'https://tafel.example/');

  it('gives a stable link that names the case and participant and verifies back to them', () => {
    const url = links.urlFor(target);
    expect(url).toMatch(/^https:\/\/tafel\.example\/answer\/[A-Za-z0-9_-]{66}$/);
    expect(links.urlFor(target)).toBe(url);
    expect(links.verify(url.split('/').pop()!)).toEqual(target);
  });

  it('carries no id in readable form', () => {
    const token = links.tokenFor(target);
    expect(token).not.toContain(target.caseId.slice(0, 8));
    expect(token).not.toContain(target.participantId.slice(0, 8));
  });

  it('refuses a token signed with another key, a changed byte, a cut or junk', () => {
    const token = links.tokenFor(target);
    expect(new AnswerLinks(Buffer.alloc(32, 8), 'http://x').verify(token)).toBeUndefined();
    const flipped = Buffer.from(token, 'base64url');
    flipped[5] ^= 1;
    expect(links.verify(flipped.toString('base64url'))).toBeUndefined();
    expect(links.verify(token.slice(0, -2))).toBeUndefined();
    expect(links.verify('../../etc/passwd')).toBeUndefined();
    expect(links.verify('')).toBeUndefined();
  });

  it('refuses to sign ids that are not UUIDs', () => {
    expect(() => links.tokenFor({ ...target, caseId: 'EK-1' })).toThrow(/UUID/);
  });
});

describe('resolveLinkKey', () => {
  it('takes TAFEL_LINK_KEY when given, else makes one key file (0600) and keeps reading it', () => {
    expect(resolveLinkKey({ linkKey: key.toString('base64'), linkKeyFile: '/nonexistent/x' })).toEqual(key);
    const file = join(mkdtempSync(join(tmpdir(), 'tafel-link-')), 'link.key');
    const first = resolveLinkKey({ linkKeyFile: file });
    expect(first).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveLinkKey({ linkKeyFile: file })).toEqual(first);
  });
});
