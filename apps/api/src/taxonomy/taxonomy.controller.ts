import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiNotModifiedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { taxonomyDocument } from '@vigie/domain';
import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { Roles } from '../auth/auth.decorators';
import { ApiProblems } from '../problem/api-problems.decorator';
import { TaxonomyDto } from './taxonomy.dto';

/**
 * The taxonomy only changes with a deployment: the body is computed once, its ETag is its hash,
 * and a client may keep it an hour before asking again (and then gets a 304 while it holds).
 * `private`: the answer needs a login, so no shared cache keeps it.
 */
const BODY = JSON.stringify(taxonomyDocument());
const ETAG = `"${createHash('sha256').update(BODY).digest('base64url').slice(0, 22)}"`;
const CACHE_CONTROL = 'private, max-age=3600';

const matches = (ifNoneMatch: string | undefined): boolean =>
  ifNoneMatch !== undefined &&
  ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === ETAG || tag === '*');

@ApiTags('taxonomy')
@ApiBearerAuth()
@ApiProblems(401, 429, 503)
@Controller('api/v1/taxonomy')
export class TaxonomyController {
  @Get()
  @Roles('declarant', 'analyst', 'admin')
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of a taxonomy already held' })
  @ApiOkResponse({
    type: TaxonomyDto,
    description:
      'The code lists of the current taxonomy version with their French and English labels, for pickers (docs/taxonomy.md)',
    headers: {
      ETag: { description: 'The body’s hash', schema: { type: 'string' } },
      'Cache-Control': { schema: { type: 'string', example: CACHE_CONTROL } },
    },
  })
  @ApiNotModifiedResponse({ description: 'If-None-Match names the current ETag' })
  taxonomy(@Headers('if-none-match') ifNoneMatch: string | undefined, @Res() res: Response): void {
    res.setHeader('ETag', ETAG);
    res.setHeader('Cache-Control', CACHE_CONTROL);
    if (matches(ifNoneMatch)) {
      res.status(304).end();
      return;
    }
    res.status(200).type('application/json').send(BODY);
  }
}
