import { writeOpenApiDocument } from '../apps/admin-api/src/openapi';
import { expectStatus } from './support/http-expect';
import { startTestApp, type TestApp } from './support/test-app';

describe('the OpenAPI document', () => {
  let t: TestApp;
  let served: string;
  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.http.get('/docs-json');
    expectStatus(res, 200);
    served = res.text;
  });
  afterAll(() => t.close());

  it('is written by `npm run openapi` byte for byte as /docs-json serves it', async () => {
    expect(await writeOpenApiDocument()).toBe(served);
  });
});
