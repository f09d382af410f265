import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { TafelError } from '@app/cases';

function flatten(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** DTO validation: unknown fields are refused; every problem is listed as { field, message }. */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => {
    const list = flatten(errors);
    return new TafelError('REQUEST.INVALID', 'validation', list.map((e) => e.message).join('; '), {
      errors: list,
    });
  },
});
