import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** The OpenAPI document of the admin API, as `/docs-json` serves it. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Tafel admin API')
      .setDescription('Every step of an Eigen Kracht conference case. Contract: API.md (v1).')
      .setVersion('1')
      .setLicense('UNLICENSED', 'https://docs.npmjs.com/cli/configuring-npm/package-json#license')
      .addServer('/', 'where this document is served from')
      .addBearerAuth()
      .addSecurityRequirements('bearer')
      .build(),
  );
}

/** The bytes `/docs-json` answers with. */
export const serializeOpenApiDocument = (document: OpenAPIObject): string => JSON.stringify(document);
