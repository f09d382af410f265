import { SetMetadata } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';

export const PUBLIC_ROUTE = 'tafel:public';

/** A route that needs no token (health, docs); its OpenAPI operation says so with `security: []`. */
export const Public = (): MethodDecorator => (target, key, descriptor) => {
  SetMetadata(PUBLIC_ROUTE, true)(target, key, descriptor);
  const handler = descriptor.value as object;
  const operation: object | undefined = Reflect.getMetadata(DECORATORS.API_OPERATION, handler);
  Reflect.defineMetadata(DECORATORS.API_OPERATION, { ...operation, security: [] }, handler);
};
