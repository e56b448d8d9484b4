import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

function flattenErrors(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}).map((message) => (prefix ? `${prefix}.${message}` : message)),
    ...flattenErrors(error.children ?? [], prefix ? `${prefix}.${error.property}` : error.property),
  ]);
}

/** Unknown fields are refused; every failure is one 400 listing each message (nested ones prefixed by their path). */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new BadRequestException(flattenErrors(errors)),
  });
}
