import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STAFF_ROLES } from '@app/cases';
import { createDefaultTokens, readTokens, sha256 } from './tokens';

const dir = () => mkdtempSync(join(tmpdir(), 'tafel-tokens-'));

describe('tokens', () => {
  it('creates one token per role on first start, hashes in the tokens file, tokens beside it for the owner only', () => {
    const file = join(dir(), 'data', 'tokens.json');
    const plainFile = createDefaultTokens(file);
    const plain = JSON.parse(readFileSync(plainFile, 'utf8')) as Record<string, string>;
    expect(Object.keys(plain).sort()).toEqual([...STAFF_ROLES].sort());
    const stored = readFileSync(file, 'utf8');
    for (const token of Object.values(plain)) expect(stored).not.toContain(token);
    const actors = readTokens(file);
    for (const role of STAFF_ROLES) expect(actors.get(sha256(plain[role]))?.role).toBe(role);
    expect(statSync(plainFile).mode & 0o077).toBe(0);
  });

  it('refuses an entry with an unknown role, naming the file and the entry', () => {
    const file = join(dir(), 'tokens.json');
    writeFileSync(
      file,
      JSON.stringify([{ tokenSha256: sha256('x'), actor: { id: 'a', name: 'A', role: 'boss' } }]),
    );
    expect(() => readTokens(file)).toThrow(new RegExp(`${file}: entry 0`));
  });

  it('refuses the participant role: only an answer link makes a participant actor', () => {
    const file = join(dir(), 'tokens.json');
    writeFileSync(
      file,
      JSON.stringify([{ tokenSha256: sha256('x'), actor: { id: 'p', name: 'P', role: 'participant' } }]),
    );
    expect(() => readTokens(file)).toThrow(/entry 0 .*known staff role/);
  });

  it('refuses a tokens file that holds no tokens, saying so', () => {
    const file = join(dir(), 'tokens.json');
    writeFileSync(file, '[]\n');
    expect(() => readTokens(file)).toThrow(new RegExp(`^${file}: holds no tokens`));
  });

  it("keeps a region manager's regions, ignores any other role's, and refuses an empty or bad list", () => {
    const file = join(dir(), 'tokens.json');
    const entry = (token: string, role: string, regions?: unknown) => ({
      tokenSha256: sha256(token),
      actor: { id: token, name: token, role, regions },
    });
    writeFileSync(
      file,
      JSON.stringify([
        entry('rm', 'region-manager', ['Utrecht', 'Utrecht', 'Gelderland']),
        entry('all', 'region-manager'),
        entry('adm', 'admin', ['Utrecht']),
      ]),
    );
    const actors = readTokens(file);
    expect(actors.get(sha256('rm'))).toEqual({
      id: 'rm',
      name: 'rm',
      role: 'region-manager',
      regions: ['Utrecht', 'Gelderland'],
    });
    expect(actors.get(sha256('all'))).toEqual({ id: 'all', name: 'all', role: 'region-manager' });
    expect(actors.get(sha256('adm'))).toEqual({ id: 'adm', name: 'adm', role: 'admin' });
    for (const bad of [[], 'Utrecht', [''], [1]]) {
      writeFileSync(file, JSON.stringify([entry('rm', 'region-manager', bad)]));
      expect(() => readTokens(file)).toThrow(/entry 0: actor.regions must be a non-empty list/);
    }
  });
});
