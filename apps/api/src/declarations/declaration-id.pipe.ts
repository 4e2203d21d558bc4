import { Injectable, type PipeTransform } from '@nestjs/common';
import { isDeclarationReference } from '@vigie/domain';
import { RequestValidationError } from '../problem/http-problem';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `:id` must be a UUID; lower-cased, as stream names are. */
@Injectable()
export class DeclarationIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new RequestValidationError([{ field: 'id', message: 'must be a UUID' }]);
    return value.toLowerCase();
  }
}

/** A read's `:id`: a UUID or a human reference (`2026-000042`), which the query resolves. */
@Injectable()
export class DeclarationIdOrReferencePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (isDeclarationReference(value)) return value;
    if (!UUID.test(value))
      throw new RequestValidationError([
        { field: 'id', message: 'must be a UUID or a reference such as 2026-000042' },
      ]);
    return value.toLowerCase();
  }
}
